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
    private readonly ReadThroughCache<PublicEndorsementList> _lists = new(time, options.Value.ReadCacheDuration, log, "endorsement list");

    /// <summary>The letter's public list; null when there is no such letter, or it is still a draft (not public yet).</summary>
    public Task<PublicEndorsementList?> FindAsync(string slug) =>
        Campaign.IsValidSlug(slug) ? _lists.GetAsync(slug, () => ReadAsync(slug)) : Task.FromResult<PublicEndorsementList?>(null);

    public void Forget(string slug) => _lists.Forget(slug);

    private async Task<PublicEndorsementList?> ReadAsync(string slug) =>
        await campaigns.FindAsync(slug, CancellationToken.None) is { Kind: CampaignKind.Letter, State: not CampaignState.Draft } campaign
            ? EndorsementLists.Public(await endorsements.ListAsync(slug, CancellationToken.None), e => e.Details(cipher),
                campaign.AllowsIndividualEndorsements)
            : null;
}
