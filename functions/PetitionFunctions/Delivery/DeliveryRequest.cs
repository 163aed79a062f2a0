using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>The message asking for a delivery to be built and sent: the campaign and the milestone, nothing else.</summary>
public sealed record DeliveryRequest(string Campaign, string DeliveryId)
{
    public string ToJson() => QueueMessageJson.ToJson(this);

    public static DeliveryRequest? TryParse(string message) => QueueMessageJson.TryParse<DeliveryRequest>(message, IsValid);

    /// <exception cref="FormatException">The message is not a delivery request; retrying will not help.</exception>
    public static DeliveryRequest Parse(string message) => QueueMessageJson.Parse<DeliveryRequest>(message, IsValid);

    private static bool IsValid(DeliveryRequest request) =>
        Campaigns.Campaign.IsValidSlug(request.Campaign ?? "") && DeliveryRules.IsMilestoneId(request.DeliveryId ?? "");
}
