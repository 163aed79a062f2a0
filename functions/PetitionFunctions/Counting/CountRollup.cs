using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

/// <summary>
/// Adds the confirmations journalled since each campaign's watermark, up to the lag window's edge, to its
/// summary, and notes the change journalled after that edge as <see cref="CampaignSummary.Recent"/>, which the
/// public count shows at once. Never a +1 per signature: one write per campaign per run, and only when something changed. Two runs at once
/// cannot both count the same rows: the summary is written with the ETag it was read at. Counted rows
/// then move to the journal archive, so the next run's range queries find only new rows.
/// </summary>
public sealed class CountRollup(
    CampaignTable campaigns,
    SignatureTable signatures,
    SummaryTable summaries,
    ILetterEndorsements letters,
    TimeProvider time,
    IOptions<CountingOptions> options,
    ILogger<CountRollup> log)
{
    /// <returns>How many journal rows were added across campaigns.</returns>
    public async Task<int> RollupAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var upTo = (now - options.Value.LagWindow).UtcTicks;
        var added = 0;
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            try
            {
                added += await RollupAsync(campaign, upTo, now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One campaign's failure must not hold back the counts of the campaigns listed after it.
                log.LogError("Rolling up {Campaign} failed ({Failure}); the next run tries again.", campaign.Slug, e.GetType().Name);
            }
        }
        return added;
    }

    /// <summary>
    /// Rolls up one campaign now, under the same lag window as the timer, for an admin who cannot wait for
    /// the next minute. Null for an unknown campaign.
    /// </summary>
    public async Task<CampaignSummary?> RollupCampaignAsync(string slug, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is not { } campaign) return null;
        var now = time.GetUtcNow();
        await RollupAsync(campaign, (now - options.Value.LagWindow).UtcTicks, now, cancellationToken);
        return (await summaries.FindAsync(slug, cancellationToken))?.Summary ?? CampaignSummary.Empty(campaign);
    }

    private async Task<int> RollupAsync(Campaign campaign, long upTo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await summaries.FindAsync(campaign.Slug, cancellationToken)
                      ?? new VersionedSummary(CampaignSummary.Empty(campaign), null);
        if (upTo <= current.Summary.WatermarkTicks) return 0;
        if (campaign.Kind == CampaignKind.Letter) return await RollupLetterAsync(campaign, current, upTo, now, cancellationToken);

        // Every journal row still in the table: below the watermark, counted already (left by a roll-up that could not
        // finish archiving); up to the lag window's edge, to count now; after it, the recent change the public sees.
        var rows = new List<JournalRow>();
        await foreach (var row in signatures.JournalAsync(campaign.Slug, cancellationToken))
            rows.Add(row);
        var settled = rows.Where(r => r.Ticks < upTo).ToList();
        var entries = settled.Where(r => r.Ticks >= current.Summary.WatermarkTicks).Select(r => r.Entry).ToList();
        var recent = rows.Where(r => r.Ticks >= upTo).Sum(r => r.Entry.Change);
        if (settled.Count == 0 && recent == current.Summary.Recent && current.Version is not null) return 0;

        var updated = Tally.Add(current.Summary, campaign, entries, upTo, now) with { Recent = recent, RecentUpToTicks = now.UtcTicks };
        if (!await summaries.TrySaveAsync(updated, current.Version, cancellationToken))
        {
            log.LogInformation("Another roll-up updated {Campaign} first; this run's {Count} rows are left to it.", campaign.Slug, entries.Count);
            return 0;
        }
        if (entries.Count > 0)
            log.LogInformation("Rolled up {Count} confirmations for {Campaign}: total {Total}.", entries.Count, campaign.Slug, updated.Count);
        await signatures.ArchiveJournalAsync(settled, cancellationToken);
        return entries.Count;
    }

    /// <summary>
    /// A letter counts its approved endorsements, taken afresh each run (a letter has hundreds, not
    /// millions): its thermometer, milestones and goal deliveries follow them as a petition's follow signatures.
    /// </summary>
    private async Task<int> RollupLetterAsync(Campaign campaign, VersionedSummary current, long upTo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endorsed = await letters.ApprovedCountAsync(campaign, cancellationToken);
        var changed = endorsed - current.Summary.Count;
        if (changed == 0 && current.Version is not null) return 0;
        var updated = Tally.Progress(current.Summary with { Count = endorsed, WatermarkTicks = upTo, UpdatedAt = now }, campaign, now);
        if (!await summaries.TrySaveAsync(updated, current.Version, cancellationToken)) return 0;
        if (changed != 0) log.LogInformation("Letter {Campaign} has {Total} approved endorsements ({Change:+#;-#}).", campaign.Slug, endorsed, changed);
        return Math.Abs(changed);
    }
}
