using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Intake;

/// <summary>
/// How a signature, endorsement or story submission ended. A new and a repeated one are the same outcome, on purpose.
/// <see cref="CorsOrigin"/> is the browser origin the answer may be shared with, when the campaign allows it.
/// </summary>
public abstract record IntakeOutcome(Language Language)
{
    public string? CorsOrigin { get; init; }

    public sealed record Received(Language Language, Uri? ReturnUrl) : IntakeOutcome(Language);

    public sealed record Refused(Language Language, ProblemKind Problem, FieldErrors? Errors = null) : IntakeOutcome(Language)
    {
        public TimeSpan? RetryAfter { get; init; }
    }
}

/// <summary>
/// What a signature, an endorsement and a story pass before their own stage: the campaign exists (from the
/// in-memory read model), a browser page's origin is one the campaign allows, and storage answers. If
/// storage fails anywhere in the stage, the answer is a 503 that the page may read, never a 500.
/// </summary>
public sealed class SubmissionDoor(CampaignReads campaigns, ILogger<SubmissionDoor> log)
{
    /// <param name="what">"signature", "endorsement" or "story", for the log.</param>
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

    /// <summary>Whether a browser page at this origin may post to the campaign (of this kind, if given): the answer to a CORS preflight.</summary>
    public async Task<bool> AllowsOriginAsync(string slug, string? origin, CampaignKind? kind = null) =>
        origin is not null && await campaigns.FindAsync(slug) is { } view && (kind is null || view.Campaign.Kind == kind) && view.Campaign.AllowsOrigin(origin);
}
