using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The public endorsement list, held in memory per instance for Counting:ReadCacheDuration, as the
/// campaign reads are: concurrent misses share one refresh (one campaign read and one query of the
/// letter's partition), a failed refresh serves the last good list, unknown slugs are not remembered.
/// A moderation decision on this instance drops the letter's entry at once.
/// </summary>
public sealed class EndorsementReads(
    CampaignTable campaigns,
    EndorsementTable endorsements,
    PersonalDataCipher cipher,
    TimeProvider time,
    IOptions<CountingOptions> options,
    ILogger<EndorsementReads> log)
{
    private sealed class Entry
    {
        public PublicEndorsementList? List;
        public DateTimeOffset FetchedAt;
        public Task<PublicEndorsementList?>? Refresh;
    }

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The letter's public list; null when there is no such letter.</summary>
    public async Task<PublicEndorsementList?> FindAsync(string slug)
    {
        if (!Campaign.IsValidSlug(slug)) return null;
        var entry = _cache.GetOrAdd(slug, _ => new Entry());
        Task<PublicEndorsementList?> refresh;
        lock (entry)
        {
            if (entry.List is not null && time.GetUtcNow() - entry.FetchedAt < options.Value.ReadCacheDuration) return entry.List;
            refresh = entry.Refresh ??= Task.Run(() => RefreshAsync(slug, entry));
        }
        return await refresh;
    }

    public void Forget(string slug) => _cache.TryRemove(slug, out _);

    private async Task<PublicEndorsementList?> RefreshAsync(string slug, Entry entry)
    {
        try
        {
            var campaign = await campaigns.FindAsync(slug, CancellationToken.None);
            PublicEndorsementList? list = null;
            if (campaign is { Kind: CampaignKind.Letter })
                list = EndorsementLists.Public(await endorsements.ListAsync(slug, CancellationToken.None), e => e.Details(cipher),
                    campaign.AllowsIndividualEndorsements);
            lock (entry)
            {
                entry.List = list;
                entry.FetchedAt = time.GetUtcNow();
                entry.Refresh = null;
            }
            if (list is null) _cache.TryRemove(slug, out _);
            return list;
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e) && entry.List is not null)
        {
            log.LogWarning("Storage was unavailable refreshing the endorsements of {Campaign} ({Failure}); serving the last good list.", slug, e.GetType().Name);
            lock (entry) entry.Refresh = null;
            return entry.List;
        }
        catch
        {
            lock (entry) entry.Refresh = null;
            throw;
        }
    }
}
