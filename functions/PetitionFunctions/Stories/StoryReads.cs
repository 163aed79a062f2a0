using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Stories;

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
    private readonly ReadThroughCache<PublishedStories> _published = new(time, options.Value.ReadCacheDuration, log, "published stories of");

    /// <summary>Stories of a campaign to be published; null when there is no such stories campaign, or it is still a draft (not public yet).</summary>
    public Task<PublishedStories?> FindAsync(string slug) =>
        Campaign.IsValidSlug(slug) ? _published.GetAsync(slug, () => ReadAsync(slug)) : Task.FromResult<PublishedStories?>(null);

    /// <summary>Drops this instance's copy of a campaign's stories, after a change an admin or a writer made.</summary>
    public void Forget(string slug) => _published.Forget(slug);

    private async Task<PublishedStories?> ReadAsync(string slug)
    {
        if (await campaigns.FindAsync(slug, CancellationToken.None) is not { Kind: CampaignKind.Stories, State: not CampaignState.Draft } campaign) return null;
        var list = new List<PublishedStory>();
        await foreach (var story in stories.PublishedAsync(slug, CancellationToken.None))
            if (ToPublished(story) is { } published) list.Add(published);
        return new PublishedStories(campaign, list.OrderByDescending(s => s.PublishedAt).ToList());
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
