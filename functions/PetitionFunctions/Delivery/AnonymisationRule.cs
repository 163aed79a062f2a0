using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Delivery;

/// <summary>When a campaign's signatures are anonymised: plain date arithmetic over its deliveries.</summary>
public static class AnonymisationRule
{
    /// <summary>
    /// When the campaign's final delivery went out: the close delivery of its latest closing once sent, or,
    /// when that milestone was covered by another packet of the same check, when that packet was sent.
    /// Null while there is none (still open, no delivery at close, or the close delivery not sent yet); a
    /// close delivery from before the campaign was reopened is not final.
    /// </summary>
    public static DateTimeOffset? FinalDeliverySentAt(Campaign campaign, IReadOnlyList<DeliveryRecord> deliveries)
    {
        var closeId = DeliveryRules.CloseId(campaign.Reopenings);
        var close = deliveries.FirstOrDefault(d => d.DeliveryId == closeId);
        var final = close?.State == DeliveryState.Covered ? deliveries.FirstOrDefault(d => d.DeliveryId == close.CoveredBy) : close;
        return final is { State: DeliveryState.Sent, SentAt: { } sentAt } ? sentAt : null;
    }

    /// <summary>
    /// Whether a campaign's signatures are due for anonymising: it is closed, its final delivery went out,
    /// and <paramref name="months"/> calendar months have passed since. A campaign opened again is left alone.
    /// </summary>
    public static bool IsDue(Campaign campaign, IReadOnlyList<DeliveryRecord> deliveries, int months, DateTimeOffset now) =>
        !campaign.IsOpenAt(now) && FinalDeliverySentAt(campaign, deliveries) is { } sentAt && sentAt.AddMonths(months) <= now;
}
