using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Delivery;

/// <summary>
/// Every day: for each closed campaign whose final delivery is older than DataRights:AnonymiseAfterMonths,
/// removes the personal details from its signatures (<see cref="SignatureTable.AnonymiseAsync"/>), keeping
/// states, counts and breakdowns, then records which closing the campaign is anonymised for, so later
/// runs skip it until it is reopened and closed again (then the signers since are anonymised in turn).
/// Resumable: each row is done on its own and only rows not yet anonymised are touched; the campaign
/// is marked only once none is left. Stories have their own retention (<c>Stories:RetentionDays</c>)
/// and endorsements are public statements kept with the letter, so neither is touched here.
/// </summary>
public sealed class SignatureAnonymisation(
    CampaignTable campaigns,
    DeliveryTable deliveries,
    SignatureTable signatures,
    TimeProvider time,
    IOptions<DataRightsOptions> options,
    ILogger<SignatureAnonymisation> log)
{
    /// <returns>How many campaigns were finished (marked anonymised) in this run.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var finished = 0;
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            if (campaign.Kind == CampaignKind.Stories) continue;
            try
            {
                if (await AnonymiseIfDueAsync(campaign, cancellationToken)) finished++;
            }
            catch (Exception e) when (StorageFailures.IsUnavailable(e))
            {
                log.LogWarning("Storage was unavailable while anonymising {Campaign} ({Failure}); tomorrow's run goes on from there.", campaign.Slug, e.GetType().Name);
            }
        }
        return finished;
    }

    private async Task<bool> AnonymiseIfDueAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var closing = DeliveryRules.CloseId(campaign.Reopenings);
        if (await signatures.AnonymisedClosingAsync(campaign.Slug, cancellationToken) == closing) return false;
        if (!AnonymisationRule.IsDue(campaign, await deliveries.ListAsync(campaign.Slug, cancellationToken), options.Value.AnonymiseAfterMonths, now))
            return false;

        var (anonymised, left) = await signatures.AnonymiseAsync(campaign.Slug, now, cancellationToken);
        if (left > 0)
        {
            log.LogWarning("Anonymised {Count} signatures of {Campaign}; {Left} changed meanwhile and wait for the next run.", anonymised, campaign.Slug, left);
            return false;
        }
        await signatures.RecordAnonymisedAsync(campaign.Slug, closing, now, cancellationToken);
        log.LogInformation("Anonymised {Campaign}: {Count} signatures lost their personal details; counts and breakdowns are kept.", campaign.Slug, anonymised);
        return true;
    }
}
