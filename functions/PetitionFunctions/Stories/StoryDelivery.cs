using System.Runtime.CompilerServices;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>The delivery stage's way into the stories: what may be sent to a campaign's target.</summary>
public sealed class StoryDelivery(StoryTable stories, PersonalDataCipher cipher)
{
    /// <summary>
    /// The stories of a campaign an admin chose to include in its delivery ("include_in_delivery"),
    /// redacted, whose writer allowed the target to read them (target_only or a publish tier), oldest
    /// first. Empty for a campaign with none (or no such campaign). Decrypts as it goes; nothing is cached.
    /// </summary>
    public async IAsyncEnumerable<RedactedStory> ForDeliveryAsync(string slug, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chosen = new List<StoredStory>();
        await foreach (var story in stories.ForDeliveryAsync(slug, cancellationToken))
            if (story.IncludeInDelivery && story.Redacted && StoryRules.AllowsDelivery(story.Consent)) chosen.Add(story);
        foreach (var story in chosen.OrderBy(s => s.ReceivedAt))
        {
            var en = StoryFields.Unprotect(cipher, story, StoryFields.RedactedEn);
            var es = StoryFields.Unprotect(cipher, story, StoryFields.RedactedEs);
            if (en is null && es is null) continue;
            var name = story.Consent == ConsentTier.PublishWithName ? StoryFields.Unprotect(cipher, story, StoryFields.Name) : null;
            yield return new RedactedStory(story.Id, story.Language, en, es, StoryRules.ShownName(story.Consent, name), story.ReceivedAt);
        }
    }
}
