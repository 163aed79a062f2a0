using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Stories;

/// <summary>How a story submission ended; <see cref="CorsOrigin"/> is the browser origin the answer may be shared with.</summary>
public abstract record StoryOutcome(Language Language)
{
    public string? CorsOrigin { get; init; }

    public sealed record Received(Language Language, Uri? ReturnUrl) : StoryOutcome(Language);

    public sealed record Refused(Language Language, ProblemKind Problem, FieldErrors? Errors = null, string? Detail = null) : StoryOutcome(Language)
    {
        public TimeSpan? RetryAfter { get; init; }
    }
}

/// <summary>
/// Takes a story: checks the campaign (a stories campaign, open, the page's origin allowed) and the
/// fields, encrypts every field the writer typed, stores the row (with its outbox row when the writer
/// asked for a confirmation email) and queues the email. Nothing is stored unless every check passed.
/// Logs name the campaign and the story's random id, never a word of the story or of the writer.
/// </summary>
public sealed class StoryIntake(
    CampaignTable campaigns,
    StoryTable stories,
    StoryEmailQueue emails,
    IntakeSwitch intakeSwitch,
    SubmissionGuard guard,
    PersonalDataCipher cipher,
    DedupeKeys dedupeKeys,
    TimeProvider time,
    ILogger<StoryIntake> log)
{
    public async Task<StoryOutcome> SubmitAsync(string slug, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken)
    {
        var origin = requester.Origin;
        try
        {
            var campaign = await campaigns.FindAsync(slug, cancellationToken);
            if (campaign is null) return new StoryOutcome.Refused(requestLanguage, ProblemKind.CampaignNotFound);
            if (origin is not null && !campaign.AllowsOrigin(origin))
            {
                log.LogWarning("Refused a story for {Campaign} from a page at {Origin}, which the campaign does not allow.", slug, origin);
                return new StoryOutcome.Refused(requestLanguage, ProblemKind.OriginNotAllowed, Detail: OriginDetail(requestLanguage));
            }
            return await SubmitAsync(campaign, body, requestLanguage, requester, cancellationToken) with { CorsOrigin = origin };
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while taking a story for {Campaign} ({Failure}); answered 503.", slug, e.GetType().Name);
            return new StoryOutcome.Refused(requestLanguage, ProblemKind.StorageUnavailable) { CorsOrigin = origin };
        }
    }

    /// <summary>Whether a browser page at this origin may post to the campaign: the answer to a CORS preflight.</summary>
    public async Task<bool> AllowsOriginAsync(string slug, string? origin, CancellationToken cancellationToken) =>
        origin is not null && await campaigns.FindAsync(slug, cancellationToken) is { Kind: CampaignKind.Stories } campaign && campaign.AllowsOrigin(origin);

    private async Task<StoryOutcome> SubmitAsync(Campaign campaign, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken)
    {
        if (campaign.Kind != CampaignKind.Stories) return new StoryOutcome.Refused(requestLanguage, ProblemKind.NotAStoryCampaign);
        if (!campaign.IsOpenAt(time.GetUtcNow())) return new StoryOutcome.Refused(requestLanguage, ProblemKind.StoriesClosed);
        if (await intakeSwitch.IsPausedAsync(campaign)) return new StoryOutcome.Refused(requestLanguage, ProblemKind.IntakePaused);

        var parsed = StoryRules.Parse(body);
        var language = Languages.Parse(parsed.Submission?.Language) ?? requestLanguage;
        if (parsed.Malformed) return new StoryOutcome.Refused(language, ProblemKind.MalformedBody, parsed.Errors);

        var (story, errors) = StoryRules.Validate(parsed.Submission!, campaign, requestLanguage, parsed.Errors);
        if (story is null) return new StoryOutcome.Refused(language, ProblemKind.InvalidFields, errors);

        switch (await guard.CheckAsync(campaign, "A story", parsed.Submission!.Honeypot, requester, cancellationToken))
        {
            case SubmissionVerdict.TooMany tooMany:
                return new StoryOutcome.Refused(language, ProblemKind.RateLimited) { RetryAfter = tooMany.RetryAfter };
            case SubmissionVerdict.Take take:
                await RecordAsync(campaign, story, take.Flag, cancellationToken);
                break;
        }
        return new StoryOutcome.Received(story.Language, story.ReturnUrl);
    }

    /// <param name="flag">"rate-limit" when the writer's address was over the campaign's limits: shown to the moderators.</param>
    private async Task RecordAsync(Campaign campaign, ValidStory story, string? flag, CancellationToken cancellationToken)
    {
        var id = StoryTable.NewId();
        var receivedAt = time.GetUtcNow();
        await stories.InsertAsync(campaign.Slug, id, story, Protect(campaign.Slug, id, story), ContactKeyOf(story), receivedAt, flag, cancellationToken);
        log.LogInformation("Story {Story} received on {Campaign} ({Language}, consent {Consent}).",
            id, campaign.Slug, story.Language.Code(), story.Consent.Code());

        if (story.SendConfirmation)
        {
            // Stored: finish even if the client hangs up. If the queue is out of reach, the outbox row
            // stays and the relay timer sends the message later.
            try
            {
                await emails.SendAsync(new StoryEmailRequest(campaign.Slug, id), CancellationToken.None);
                await stories.ClearOutboxAsync(campaign.Slug, id, CancellationToken.None);
            }
            catch (Exception e) when (StorageFailures.IsUnavailable(e))
            {
                log.LogWarning("Story {Story} on {Campaign} is stored but its email is not queued yet ({Failure}); the relay will send it.",
                    id, campaign.Slug, e.GetType().Name);
            }
        }
    }

    /// <summary>The keyed hash an erasure finds the writer by: of their canonical email, or of their canonical phone number.</summary>
    private string? ContactKeyOf(ValidStory story) => story.Contact switch
    {
        null => null,
        var address when story.ContactIsEmail => dedupeKeys.For(EmailAddresses.Canonical(address)),
        var phone => dedupeKeys.ForPhone(PhoneNumbers.Canonical(phone)),
    };

    private Dictionary<string, string> Protect(string campaign, string id, ValidStory story)
    {
        var fields = new Dictionary<string, string> { [StoryFields.Text] = story.Text };
        if (story.Name is { } name) fields[StoryFields.Name] = name;
        if (story.Contact is { } contact) fields[StoryFields.Contact] = contact;
        if (story.CountyOrCity is { } place) fields[StoryFields.CountyOrCity] = place;
        return fields.ToDictionary(pair => pair.Key, pair => StoryFields.Protect(cipher, campaign, id, pair.Key, pair.Value));
    }

    private static string OriginDetail(Language language) => language == Language.Es
        ? "Este sitio web no está autorizado para enviar historias a esta campaña."
        : "This website is not allowed to send stories to this campaign.";
}
