using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

/// <summary>
/// Nightly: recounts each campaign's confirmed signatures from the signatures themselves, up to the
/// summary's watermark, and corrects the summary where the roll-up drifted from them, unless changes
/// the roll-up has not applied yet explain the difference (the next night looks again).
/// </summary>
public sealed class CountReconciliation(
    CampaignTable campaigns,
    SignatureTable signatures,
    SummaryTable summaries,
    TimeProvider time,
    ILogger<CountReconciliation> log)
{
    private const int Attempts = 3;

    /// <returns>How many campaigns' summaries were corrected.</returns>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var corrected = 0;
        // A letter's count is its endorsements, taken afresh by every roll-up: there is no journal to check it against.
        foreach (var campaign in (await campaigns.ListAsync(cancellationToken)).Where(c => c.Kind != CampaignKind.Letter))
        {
            try
            {
                if (await ReconcileAsync(campaign, cancellationToken)) corrected++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One campaign's failure must not hold back the recount of the campaigns listed after it.
                log.LogError("Reconciling {Campaign} failed ({Failure}); tomorrow's run tries again.", campaign.Slug, e.GetType().Name);
            }
        }
        return corrected;
    }

    private async Task<bool> ReconcileAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await summaries.FindAsync(campaign.Slug, cancellationToken) is not { } current) return false;
            var watermark = new DateTimeOffset(current.Summary.WatermarkTicks, TimeSpan.Zero);
            var confirmed = new List<JournalEntry>();
            await foreach (var entry in signatures.ConfirmedBeforeAsync(campaign.Slug, watermark, cancellationToken)) confirmed.Add(entry);

            var breakdowns = Tally.Recount(confirmed) with { Day = current.Summary.Breakdowns.Day };
            if (confirmed.Count == current.Summary.Count && breakdowns.SameAs(current.Summary.Breakdowns)) return false;
            if (await ChangesNotRolledUpAsync(campaign, current.Summary.WatermarkTicks, cancellationToken) is > 0 and var pending)
            {
                log.LogInformation("Left {Campaign} for the next reconciliation: {Count} changes to signatures counted before the watermark are not rolled up yet.",
                    campaign.Slug, pending);
                return false;
            }

            var corrected = Tally.Progress(current.Summary with { Count = confirmed.Count, Breakdowns = breakdowns, UpdatedAt = time.GetUtcNow() },
                campaign, time.GetUtcNow());
            if (await summaries.TrySaveAsync(corrected, current.Version, cancellationToken))
            {
                log.LogWarning("Reconciled {Campaign}: the summary said {Before}, the signatures say {After} (difference {Difference}).",
                    campaign.Slug, current.Summary.Count, confirmed.Count, confirmed.Count - current.Summary.Count);
                return true;
            }
        }
        log.LogWarning("Could not reconcile {Campaign}: the summary kept changing.", campaign.Slug);
        return false;
    }

    /// <summary>
    /// Invalidations, restorations, withdrawals and releases journalled after the watermark. The recount
    /// already sees their new state but the summary does not yet, so correcting it now would count them
    /// twice once the roll-up adds their rows. (New confirmations need no such care: the recount only
    /// takes signatures confirmed before the watermark.) Few rows: only those written in the last minutes.
    /// </summary>
    private async Task<int> ChangesNotRolledUpAsync(Campaign campaign, long watermarkTicks, CancellationToken cancellationToken)
    {
        var pending = 0;
        await foreach (var row in signatures.JournalAsync(campaign.Slug, cancellationToken))
            if (row.Ticks >= watermarkTicks && !row.IsConfirmation) pending++;
        return pending;
    }
}
