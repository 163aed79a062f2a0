using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

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
    private readonly ReadThroughCache<CampaignView> _views = new(time, options.Value.ReadCacheDuration, log, "campaign");

    public Task<CampaignView?> FindAsync(string slug) =>
        Campaign.IsValidSlug(slug) ? _views.GetAsync(slug, () => ReadAsync(slug)) : Task.FromResult<CampaignView?>(null);

    private async Task<CampaignView?> ReadAsync(string slug)
    {
        var campaignRead = campaigns.FindAsync(slug, CancellationToken.None);
        var summaryRead = summaries.FindAsync(slug, CancellationToken.None);
        var campaign = await campaignRead;
        var summary = await summaryRead;
        return campaign is null
            ? null
            : new CampaignView(campaign, summary?.Summary ?? Tally.Progress(CampaignSummary.Empty(campaign), campaign, time.GetUtcNow()));
    }
}
