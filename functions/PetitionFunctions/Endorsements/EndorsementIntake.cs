using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// Takes an endorsement of a sign-on letter, the way signature intake takes a signature: checks the
/// letter and the fields, stores one endorsement per organisation (or leader) with its outbox row in one
/// batch, and queues the signer's confirmation. A second submission for the same endorser becomes a
/// pending change for an admin. Nothing is stored unless every check passed; new and repeated
/// submissions get the same answer.
/// </summary>
public sealed class EndorsementIntake(
    SubmissionDoor door,
    EndorsementTable endorsements,
    EmailOutbox<EndorsementOutbox> emails,
    DedupeKeys dedupeKeys,
    SubmissionGuard guard,
    PersonalDataCipher cipher,
    TimeProvider time,
    ILogger<EndorsementIntake> log) : ISubmissionKind<EndorsementSubmission, ValidEndorsement>
{
    public Task<IntakeOutcome> SubmitAsync(string slug, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken) =>
        door.TakeAsync(this, slug, body, requestLanguage, requester, cancellationToken);

    public Entrance Entrance => Entrance.Endorsements;

    public IParsedSubmission<EndorsementSubmission> Parse(RequestBody body) => EndorsementParser.Parse(body);

    public (ValidEndorsement? Valid, FieldErrors Errors) Validate(EndorsementSubmission submission, Campaign campaign, Language requestLanguage, FieldErrors parseErrors) =>
        EndorsementRules.Validate(submission, campaign, requestLanguage, parseErrors);

    public Task<IntakeOutcome.Refused?> GuardAndRecordAsync(
        Campaign campaign, EndorsementSubmission submission, ValidEndorsement endorsement, Requester requester, Language language, CancellationToken cancellationToken) =>
        guard.TakeAsync(campaign, "An endorsement", submission.Honeypot, requester, language, flag => RecordAsync(campaign.Slug, endorsement, flag, cancellationToken), cancellationToken);

    /// <summary>The row key: the organisation's identity, or an individual's keyed email hash (the same HMAC as signatures).</summary>
    public string KeyOf(ValidEndorsement endorsement) => endorsement.Organization is { } org
        ? OrganizationIdentity.Key(OrganizationIdentity.CanonicalName(org.Name), OrganizationIdentity.Domain(org.Website)!)
        : EndorsementTable.PersonPrefix + dedupeKeys.For(endorsement.CanonicalEmail);

    /// <summary>An organisation's signer's keys, so an erasure can find them; an individual is found by the row key itself.</summary>
    private SignerKeys? SignerKeysOf(ValidEndorsement endorsement) => endorsement.Organization is null
        ? null
        : new SignerKeys(dedupeKeys.For(endorsement.CanonicalEmail),
            endorsement.Endorser.Phone is { } phone ? dedupeKeys.ForPhone(PhoneNumbers.Canonical(phone)) : null);

    /// <param name="flag">"rate-limit" when the sender's address was over the letter's limits: shown to the moderators.</param>
    private async Task RecordAsync(string campaign, ValidEndorsement endorsement, string? flag, CancellationToken cancellationToken)
    {
        var key = KeyOf(endorsement);
        var now = time.GetUtcNow();
        var org = endorsement.Organization;
        var record = new EndorsementRecord(campaign, key, endorsement.Kind, org,
            org is null ? null : OrganizationIdentity.CanonicalName(org.Name), org is null ? null : OrganizationIdentity.Domain(org.Website),
            endorsement.DomainMatches, endorsement.ListPublicly, endorsement.Language, endorsement.Source, now,
            endorsement.Endorser.Protect(cipher, EndorserDetails.Context(campaign, key)), flag, SignerKeysOf(endorsement));

        if (!await endorsements.InsertIfAbsentAsync(record, cancellationToken))
        {
            var change = new PendingChange(org, endorsement.ListPublicly, endorsement.Language, now, endorsement.DomainMatches,
                endorsement.Endorser.Protect(cipher, ChangeContext(campaign, key)), flag, SignerKeysOf(endorsement));
            await endorsements.SavePendingChangeAsync(campaign, key, change, cancellationToken);
            log.LogInformation("Repeat endorsement {Endorsement} on {Campaign}: kept as a pending change for an admin; answered as new.", LogRefs.Of(key), campaign);
            return;
        }
        log.LogInformation("New {Kind} endorsement {Endorsement} on {Campaign}.", endorsement.Kind, LogRefs.Of(key), campaign);

        // Stored with its outbox row: from here on, finish the work even if the client hangs up.
        await emails.QueueAsync(new EmailRequest(campaign, key));
    }

    /// <summary>The encryption context of a pending change's details: its own row, so they cannot be swapped onto the endorsement.</summary>
    public static string ChangeContext(string campaign, string key) => EndorserDetails.Context(campaign, "change-" + key);

}
