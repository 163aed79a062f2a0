using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Intake;

/// <summary>
/// What a signature and an endorsement pass before their own stage: the campaign exists (from the
/// in-memory read model), a browser page's origin is one the campaign allows, and storage answers. If
/// storage fails anywhere in the stage, the answer is a 503 that the page may read, never a 500.
/// </summary>
public sealed class SubmissionDoor(CampaignReads campaigns, ILogger<SubmissionDoor> log)
{
    /// <param name="what">"signature" or "endorsement", for the log.</param>
    public async Task<IntakeOutcome> EnterAsync(
        string what, string slug, Language requestLanguage, string? origin, Func<Campaign, Task<IntakeOutcome>> submit)
    {
        try
        {
            var campaign = (await campaigns.FindAsync(slug))?.Campaign;
            if (campaign is null) return new IntakeOutcome.Refused(requestLanguage, ProblemKind.CampaignNotFound);
            if (origin is not null && !campaign.AllowsOrigin(origin))
            {
                log.LogWarning("Refused a {What} for {Campaign} from a page at {Origin}, which the campaign does not allow.", what, slug, origin);
                return new IntakeOutcome.Refused(requestLanguage, ProblemKind.OriginNotAllowed);
            }
            return await submit(campaign) with { CorsOrigin = origin };
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while taking a {What} for {Campaign} ({Failure}); answered 503.", what, slug, e.GetType().Name);
            return new IntakeOutcome.Refused(requestLanguage, ProblemKind.StorageUnavailable) { CorsOrigin = origin };
        }
    }

    /// <summary>Whether a browser page at this origin may post to the campaign: the answer to a CORS preflight.</summary>
    public async Task<bool> AllowsOriginAsync(string slug, string? origin) =>
        origin is not null && await campaigns.FindAsync(slug) is { } view && view.Campaign.AllowsOrigin(origin);
}
