using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Stories;

/// <summary>A published story as the public sees it: the redacted versions only, the name only with the writer's consent.</summary>
public sealed record PublishedStory(Language OriginalLanguage, string? En, string? Es, string? Name, DateTimeOffset PublishedAt)
{
    /// <summary>The redacted text in the requested language where there is one, else in the other.</summary>
    public (Language Language, string Text) In(Language language) =>
        (language == Language.Es ? Es : En) is { } wanted ? (language, wanted)
        : language == Language.Es ? (Language.En, En!) : (Language.Es, Es!);
}

/// <summary>The public story list of a campaign, before choosing a language; null for an unknown campaign or one that is not a stories campaign.</summary>
public sealed record PublishedStories(Campaign Campaign, IReadOnlyList<PublishedStory> Stories);

/// <summary>The public answer in one language.</summary>
public sealed record PublicStoryList(string Campaign, string Language, int Count, IReadOnlyList<PublicStory> Stories)
{
    public static PublicStoryList From(PublishedStories published, Language language) =>
        new(published.Campaign.Slug, language.Code(), published.Stories.Count,
            published.Stories.Select(story =>
            {
                var (shown, text) = story.In(language);
                return new PublicStory(shown.Code(), text, story.Name, story.PublishedAt);
            }).ToList());
}

public sealed record PublicStory(string Language, string Text, string? Name, DateTimeOffset PublishedAt);

/// <summary>
/// The public read of a campaign's published stories, held in memory per instance for
/// Counting:ReadCacheDuration like the campaign reads: a crowd of readers costs one query of the
/// published rows per campaign per period per instance. The query does not even select the original
/// text or the contact. Approving, un-approving, withdrawing or deleting a story forgets this
/// instance's copy at once; other instances and caches catch up within the period and max-age.
/// </summary>
public sealed class StoryReads(
    CampaignTable campaigns,
    StoryTable stories,
    PersonalDataCipher cipher,
    TimeProvider time,
    IOptions<CountingOptions> options,
    ILogger<StoryReads> log)
{
    private sealed record Entry(PublishedStories? View, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PublishedStories?>>> _refreshes = new(StringComparer.Ordinal);

    /// <summary>Stories of a campaign to be published; null when there is no such stories campaign.</summary>
    public async Task<PublishedStories?> FindAsync(string slug)
    {
        if (!Campaign.IsValidSlug(slug)) return null;
        if (_cache.TryGetValue(slug, out var entry) && time.GetUtcNow() - entry.FetchedAt < options.Value.ReadCacheDuration) return entry.View;
        var refresh = _refreshes.GetOrAdd(slug, key => new Lazy<Task<PublishedStories?>>(() => RefreshAsync(key, entry)));
        try { return await refresh.Value; }
        finally { _refreshes.TryRemove(new KeyValuePair<string, Lazy<Task<PublishedStories?>>>(slug, refresh)); }
    }

    /// <summary>Drops this instance's copy of a campaign's stories, after a change an admin or a writer made.</summary>
    public void Forget(string slug) => _cache.TryRemove(slug, out _);

    private async Task<PublishedStories?> RefreshAsync(string slug, Entry? last)
    {
        try
        {
            var campaign = await campaigns.FindAsync(slug, CancellationToken.None);
            PublishedStories? view = null;
            if (campaign is { Kind: CampaignKind.Stories })
            {
                var list = new List<PublishedStory>();
                await foreach (var story in stories.PublishedAsync(slug, CancellationToken.None))
                    if (ToPublished(story) is { } published) list.Add(published);
                view = new PublishedStories(campaign, list.OrderByDescending(s => s.PublishedAt).ToList());
            }
            // Unknown slugs are not remembered, so made-up addresses cannot fill the memory.
            if (view is null) _cache.TryRemove(slug, out _);
            else _cache[slug] = new Entry(view, time.GetUtcNow());
            return view;
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e) && last?.View is not null)
        {
            log.LogWarning("Storage was unavailable refreshing the stories of {Campaign} ({Failure}); serving the last good list.", slug, e.GetType().Name);
            return last.View;
        }
    }

    /// <summary>Only a story that is published, within a publishing consent, with a redacted text; anything else is left out.</summary>
    private PublishedStory? ToPublished(StoredStory story)
    {
        if (!story.Published || !StoryRules.AllowsPublishing(story.Consent)) return null;
        var en = StoryFields.Unprotect(cipher, story, StoryFields.RedactedEn);
        var es = StoryFields.Unprotect(cipher, story, StoryFields.RedactedEs);
        if (en is null && es is null) return null;
        var name = story.Consent == ConsentTier.PublishWithName ? StoryFields.Unprotect(cipher, story, StoryFields.Name) : null;
        return new PublishedStory(story.Language, en, es, StoryRules.ShownName(story.Consent, name), story.PublishedAt ?? story.ReceivedAt);
    }
}
