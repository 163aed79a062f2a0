using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Delivery;

/// <summary>Configuration section "DataRights".</summary>
public sealed class DataRightsOptions
{
    public const string Section = "DataRights";

    /// <summary>Months after a campaign's final delivery before its signatures lose their personal details.</summary>
    public int AnonymiseAfterMonths { get; set; } = 6;
}

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

/// <summary>
/// Every day: for each closed campaign whose final delivery is older than DataRights:AnonymiseAfterMonths,
/// removes the personal details from its signatures (<see cref="SignatureTable.AnonymiseAsync"/>), keeping
/// states, counts and breakdowns, then records which closing the campaign is anonymised for, so later
/// runs skip it until it is reopened and closed again (then the signers since are anonymised in turn).
/// Resumable: each row is done on its own and only rows not yet anonymised are touched; the campaign
/// is marked only once none is left. Stories have their own retention (<c>Stories:RetentionDays</c>)
/// and endorsements are public statements kept with the letter, so neither is touched here.
/// </summary>
public sealed class SignatureAnonymisation(
    CampaignTable campaigns,
    DeliveryTable deliveries,
    SignatureTable signatures,
    TimeProvider time,
    IOptions<DataRightsOptions> options,
    ILogger<SignatureAnonymisation> log)
{
    /// <returns>How many campaigns were finished (marked anonymised) in this run.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var finished = 0;
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            if (campaign.Kind == CampaignKind.Stories) continue;
            try
            {
                if (await AnonymiseIfDueAsync(campaign, cancellationToken)) finished++;
            }
            catch (Exception e) when (StorageFailures.IsUnavailable(e))
            {
                log.LogWarning("Storage was unavailable while anonymising {Campaign} ({Failure}); tomorrow's run goes on from there.", campaign.Slug, e.GetType().Name);
            }
        }
        return finished;
    }

    private async Task<bool> AnonymiseIfDueAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var closing = DeliveryRules.CloseId(campaign.Reopenings);
        if (await signatures.AnonymisedClosingAsync(campaign.Slug, cancellationToken) == closing) return false;
        if (!AnonymisationRule.IsDue(campaign, await deliveries.ListAsync(campaign.Slug, cancellationToken), options.Value.AnonymiseAfterMonths, now))
            return false;

        var (anonymised, left) = await signatures.AnonymiseAsync(campaign.Slug, now, cancellationToken);
        if (left > 0)
        {
            log.LogWarning("Anonymised {Count} signatures of {Campaign}; {Left} changed meanwhile and wait for the next run.", anonymised, campaign.Slug, left);
            return false;
        }
        await signatures.RecordAnonymisedAsync(campaign.Slug, closing, now, cancellationToken);
        log.LogInformation("Anonymised {Campaign}: {Count} signatures lost their personal details; counts and breakdowns are kept.", campaign.Slug, anonymised);
        return true;
    }
}
