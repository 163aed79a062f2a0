using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>A campaign and its summary: everything the public reads show.</summary>
public sealed record CampaignView(Campaign Campaign, CampaignSummary Summary);

/// <summary>
/// The public read model, held in memory per instance for <see cref="CountingOptions.ReadCacheDuration"/>.
/// A crowd of readers costs one refresh (a point read of the campaign and one of its summary) per
/// campaign per period per instance: concurrent misses share one refresh, and if storage fails the
/// last good view is served. It never reads the Signatures table.
/// </summary>
public sealed class CampaignReads(
    CampaignTable campaigns,
    SummaryTable summaries,
    TimeProvider time,
    IOptions<CountingOptions> options,
    ILogger<CampaignReads> log)
{
    private sealed class Entry
    {
        public CampaignView? View;
        public DateTimeOffset FetchedAt;
        public Task<CampaignView?>? Refresh;
    }

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public async Task<CampaignView?> FindAsync(string slug)
    {
        if (!Campaign.IsValidSlug(slug)) return null;
        var entry = _cache.GetOrAdd(slug, _ => new Entry());
        Task<CampaignView?> refresh;
        lock (entry)
        {
            if (entry.View is not null && time.GetUtcNow() - entry.FetchedAt < options.Value.ReadCacheDuration) return entry.View;
            refresh = entry.Refresh ??= Task.Run(() => RefreshAsync(slug, entry));
        }
        return await refresh;
    }

    private async Task<CampaignView?> RefreshAsync(string slug, Entry entry)
    {
        try
        {
            var campaignRead = campaigns.FindAsync(slug, CancellationToken.None);
            var summaryRead = summaries.FindAsync(slug, CancellationToken.None);
            var campaign = await campaignRead;
            var summary = await summaryRead;
            var now = time.GetUtcNow();
            var view = campaign is null
                ? null
                : new CampaignView(campaign, summary?.Summary ?? Tally.Progress(CampaignSummary.Empty(campaign), campaign, now));
            lock (entry)
            {
                entry.View = view;
                entry.FetchedAt = now;
                entry.Refresh = null;
            }
            // Unknown slugs are not remembered, so made-up addresses cannot fill the memory.
            if (view is null) _cache.TryRemove(slug, out _);
            return view;
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e) && entry.View is not null)
        {
            log.LogWarning("Storage was unavailable refreshing {Campaign} ({Failure}); serving the last good view.", slug, e.GetType().Name);
            lock (entry) entry.Refresh = null;
            return entry.View;
        }
        catch
        {
            lock (entry) entry.Refresh = null;
            throw;
        }
    }
}
