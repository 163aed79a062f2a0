using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Delivery;

/// <summary>What the rules know about a campaign's past deliveries.</summary>
/// <param name="LastDeliveredCount">The total confirmed in the most recent delivery that went out, or null if none has.</param>
public sealed record DeliveryHistory(int? LastDeliveredCount)
{
    public static readonly DeliveryHistory None = new((int?)null);
}
