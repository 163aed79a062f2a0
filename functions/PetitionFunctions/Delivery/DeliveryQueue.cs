using System.Text.Json;
using Azure.Storage.Queues;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>The message asking for a delivery to be built and sent: the campaign and the milestone, nothing else.</summary>
public sealed record DeliveryRequest(string Campaign, string DeliveryId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DeliveryRequest? TryParse(string message)
    {
        try { return Parse(message); }
        catch (FormatException) { return null; }
    }

    /// <exception cref="FormatException">The message is not a delivery request; retrying will not help.</exception>
    public static DeliveryRequest Parse(string message)
    {
        DeliveryRequest? request;
        try { request = JsonSerializer.Deserialize<DeliveryRequest>(message, Json); }
        catch (JsonException e) { throw new FormatException("The message is not a delivery request.", e); }
        if (request is null || !Campaigns.Campaign.IsValidSlug(request.Campaign) || !DeliveryRules.IsMilestoneId(request.DeliveryId))
            throw new FormatException("The delivery request names no campaign or delivery.");
        return request;
    }
}

public sealed class DeliveryQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.DeliveriesQueue);

    public Task SendAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(request.ToJson(), cancellationToken);
}
