using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

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
