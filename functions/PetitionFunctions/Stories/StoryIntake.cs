using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Stories;

/// <summary>
/// Takes a story: checks the campaign (a stories campaign, open, the page's origin allowed) and the
/// fields, encrypts every field the writer typed, stores the row (with its outbox row when the writer
/// asked for a confirmation email) and queues the email. Nothing is stored unless every check passed.
/// Logs name the campaign and the story's random id, never a word of the story or of the writer.
/// </summary>
public sealed class StoryIntake(
    SubmissionDoor door,
    StoryTable stories,
    EmailOutbox<StoryOutbox> emails,
    SubmissionGuard guard,
    PersonalDataCipher cipher,
    DedupeKeys dedupeKeys,
    TimeProvider time,
    ILogger<StoryIntake> log) : ISubmissionKind<StorySubmission, ValidStory>
{
    public Task<IntakeOutcome> SubmitAsync(string slug, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken) =>
        door.TakeAsync(this, slug, body, requestLanguage, requester, cancellationToken);

    public Entrance Entrance => Entrance.Stories;

    public IParsedSubmission<StorySubmission> Parse(RequestBody body) => StoryRules.Parse(body);

    public (ValidStory? Valid, FieldErrors Errors) Validate(StorySubmission submission, Campaign campaign, Language requestLanguage, FieldErrors parseErrors) =>
        StoryRules.Validate(submission, campaign, requestLanguage, parseErrors);

    public Task<IntakeOutcome.Refused?> GuardAndRecordAsync(
        Campaign campaign, StorySubmission submission, ValidStory story, Requester requester, Language language, CancellationToken cancellationToken) =>
        guard.TakeAsync(campaign, "A story", submission.Honeypot, requester, language, flag => RecordAsync(campaign, story, flag, cancellationToken), cancellationToken);

    /// <param name="flag">"rate-limit" when the writer's address was over the campaign's limits: shown to the moderators.</param>
    private async Task RecordAsync(Campaign campaign, ValidStory story, string? flag, CancellationToken cancellationToken)
    {
        var id = StoryTable.NewId();
        var receivedAt = time.GetUtcNow();
        await stories.InsertAsync(campaign.Slug, id, story, Protect(campaign.Slug, id, story), ContactKeyOf(story), receivedAt, flag, cancellationToken);
        log.LogInformation("Story {Story} received on {Campaign} ({Language}, consent {Consent}).",
            id, campaign.Slug, story.Language.Code(), story.Consent.Code());

        // Stored with its outbox row: from here on, finish the work even if the client hangs up.
        if (story.SendConfirmation) await emails.QueueAsync(new EmailRequest(campaign.Slug, id, Kind: EmailKind.Receipt));
    }

    /// <summary>The keyed hash an erasure finds the writer by (<see cref="DedupeKeys.ForStoryWriter"/>): of their canonical email, or of their canonical phone number.</summary>
    private string? ContactKeyOf(ValidStory story) => story.Contact switch
    {
        null => null,
        var address when story.ContactIsEmail => dedupeKeys.ForStoryWriter(dedupeKeys.For(EmailAddresses.Canonical(address))),
        var phone => dedupeKeys.ForStoryWriter(dedupeKeys.ForPhone(PhoneNumbers.Canonical(phone))),
    };

    private Dictionary<string, string> Protect(string campaign, string id, ValidStory story)
    {
        var fields = new Dictionary<string, string> { [StoryFields.Text] = story.Text };
        if (story.Name is { } name) fields[StoryFields.Name] = name;
        if (story.Contact is { } contact) fields[StoryFields.Contact] = contact;
        if (story.CountyOrCity is { } place) fields[StoryFields.CountyOrCity] = place;
        return fields.ToDictionary(pair => pair.Key, pair => StoryFields.Protect(cipher, campaign, id, pair.Key, pair.Value));
    }
}
