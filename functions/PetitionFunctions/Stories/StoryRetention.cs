using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Stories;

/// <summary>
/// Deletes the stories of closed campaigns once Stories:RetentionDays have passed since they closed,
/// except those approved for publication. A campaign closes at its deadline, or when an admin sets it
/// closed: that moment is not in the campaign's document, so the first sweep that sees it closed
/// records the time in the Stories table (and forgets it if the campaign opens again).
/// </summary>
public sealed class StoryRetention(
    CampaignTable campaigns,
    StoryTable stories,
    StoryReads reads,
    TimeProvider time,
    IOptions<StoryOptions> options,
    ILogger<StoryRetention> log)
{
    public Task<int> SweepAsync(CancellationToken cancellationToken) => SweepAsync(time.GetUtcNow(), cancellationToken);

    /// <returns>How many stories were deleted.</returns>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var days = Math.Max(0, options.Value.RetentionDays);
        var deleted = 0;
        foreach (var campaign in (await campaigns.ListAsync(cancellationToken)).Where(c => c.Kind == CampaignKind.Stories))
        {
            if (campaign.IsOpenAt(now))
            {
                await stories.ClearClosedAsync(campaign.Slug, cancellationToken);
                continue;
            }
            var closedAt = StoryRules.ClosedAt(campaign, now) ?? await stories.ClosedSinceAsync(campaign.Slug, now, cancellationToken);
            var due = new List<string>();
            await foreach (var story in stories.ListAsync(campaign.Slug, cancellationToken))
                if (StoryRules.IsDueForDeletion(story.Published, closedAt, days, now)) due.Add(story.Id);
            foreach (var id in due)
                if (await stories.DeleteAsync(campaign.Slug, id, cancellationToken)) deleted++;
            if (due.Count > 0)
            {
                reads.Forget(campaign.Slug);
                log.LogInformation("Deleted {Count} stories of {Campaign}, closed since {ClosedAt:u}, after {Days} days of retention.",
                    due.Count, campaign.Slug, closedAt, days);
            }
        }
        return deleted;
    }
}
