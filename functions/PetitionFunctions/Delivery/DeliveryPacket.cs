using System.Text;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Delivery;

/// <summary>What one email of a delivery says: the same for every part but the part number and its attachment.</summary>
public sealed record DeliveryPacket(
    Campaign Campaign,
    DeliveryRecord Delivery,
    int TotalConfirmed,
    int NewSinceLast,
    CampaignSummary? Summary,
    IReadOnlyList<DeliveredPart> Parts);
