using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Submissions;

/// <summary>
/// What a signature, an endorsement and a story pass before their own stage: the campaign exists (from the
/// in-memory read model), a browser page's origin is one the campaign allows, the campaign is of a kind the
/// stage takes, open, and not paused, and storage answers. If storage fails anywhere in the stage, the
/// answer is a 503 that the page may read, never a 500.
/// </summary>
public sealed class SubmissionDoor(CampaignReads campaigns, IntakeSwitch intakeSwitch, TimeProvider time, ILogger<SubmissionDoor> log)
{
    public async Task<IntakeOutcome> EnterAsync(
        Entrance entrance, string slug, Language requestLanguage, string? origin, Func<Campaign, Task<IntakeOutcome>> submit)
    {
        try
        {
            var campaign = (await campaigns.FindAsync(slug))?.Campaign;
            // A draft is not public yet: it answers as unknown, as the public reads do.
            if (campaign is null || campaign.State == CampaignState.Draft) return new IntakeOutcome.Refused(requestLanguage, ProblemKind.CampaignNotFound);
            if (origin is not null && !campaign.AllowsOrigin(origin))
            {
                log.LogWarning("Refused a {What} for {Campaign} from a page at {Origin}, which the campaign does not allow.", entrance.What, slug, origin);
                return new IntakeOutcome.Refused(requestLanguage, ProblemKind.OriginNotAllowed);
            }
            var outcome = !entrance.Kinds.Contains(campaign.Kind) ? new IntakeOutcome.Refused(requestLanguage, entrance.WrongKind)
                : !campaign.IsOpenAt(time.GetUtcNow()) ? new IntakeOutcome.Refused(requestLanguage, entrance.Closed)
                : await intakeSwitch.IsPausedAsync(campaign) ? new IntakeOutcome.Refused(requestLanguage, ProblemKind.IntakePaused)
                : await submit(campaign);
            return outcome with { CorsOrigin = origin };
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while taking a {What} for {Campaign} ({Failure}); answered 503.", entrance.What, slug, e.GetType().Name);
            return new IntakeOutcome.Refused(requestLanguage, ProblemKind.StorageUnavailable) { CorsOrigin = origin };
        }
    }

    /// <summary>
    /// The intake template every kind of submission follows: through the door, read the body, judge the
    /// fields, then the kind's guards and storage. Nothing is stored unless every check passed, and a new
    /// and a repeated submission get the same answer.
    /// </summary>
    public Task<IntakeOutcome> TakeAsync<TSubmission, TValid>(
        ISubmissionKind<TSubmission, TValid> kind, string slug, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken)
        where TSubmission : ISubmission where TValid : IValidSubmission
    {
        // A form says its language in a field; its answer speaks it, even when the door refuses it. A browser's
        // form post (it asks for HTML) gets a page rather than problem+json.
        var isForm = body.Format == BodyFormat.Form;
        if (isForm && Languages.Parse(new FormBody(body.Text, new FieldErrors())["language"]) is { } formLanguage) requestLanguage = formLanguage;
        var form = isForm && requester.AcceptsHtml ? new IntakeOutcome.FormPost(requester.Page) : null;
        return Completed(EnterAsync(kind.Entrance, slug, requestLanguage, requester.Origin, async campaign =>
        {
            var parsed = kind.Parse(body);
            var language = Languages.Parse(parsed.Submission?.Language) ?? requestLanguage;
            if (parsed.Malformed || parsed.Submission is not { } submission) return new IntakeOutcome.Refused(language, ProblemKind.MalformedBody, parsed.Errors);

            var (valid, errors) = kind.Validate(submission, campaign, requestLanguage, parsed.Errors);
            if (valid is null) return new IntakeOutcome.Refused(language, ProblemKind.InvalidFields, errors);

            return await kind.GuardAndRecordAsync(campaign, submission, valid, requester, language, cancellationToken)
                ?? (IntakeOutcome)new IntakeOutcome.Received(valid.Language, valid.ReturnUrl, valid);
        }), form);

        static async Task<IntakeOutcome> Completed(Task<IntakeOutcome> outcome, IntakeOutcome.FormPost? form) => (await outcome) with { Form = form };
    }

    /// <summary>Whether a browser page at this origin may post to the campaign through this entrance: the answer to a CORS preflight.</summary>
    public async Task<bool> AllowsOriginAsync(Entrance entrance, string slug, string? origin) =>
        origin is not null && await campaigns.FindAsync(slug) is { Campaign.State: not CampaignState.Draft } view
        && entrance.Kinds.Contains(view.Campaign.Kind) && view.Campaign.AllowsOrigin(origin);
}
