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
    ILogger<EndorsementIntake> log)
{
    public Task<IntakeOutcome> SubmitAsync(string slug, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken) =>
        door.EnterAsync(Entrance.Endorsements, slug, requestLanguage, requester.Origin,
            campaign => SubmitAsync(campaign, body, requestLanguage, requester, cancellationToken));

    private async Task<IntakeOutcome> SubmitAsync(Campaign campaign, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken)
    {
        var parsed = EndorsementParser.Parse(body);
        var language = Languages.Parse(parsed.Submission?.Language) ?? requestLanguage;
        if (parsed.Malformed) return new IntakeOutcome.Refused(language, ProblemKind.MalformedBody, parsed.Errors);

        var (endorsement, errors) = EndorsementRules.Validate(parsed.Submission!, campaign, requestLanguage, parsed.Errors);
        if (endorsement is null) return new IntakeOutcome.Refused(language, ProblemKind.InvalidFields, errors);

        switch (await guard.CheckAsync(campaign, "An endorsement", parsed.Submission!.Honeypot, requester, cancellationToken))
        {
            case SubmissionVerdict.TooMany tooMany:
                return new IntakeOutcome.Refused(language, ProblemKind.RateLimited) { RetryAfter = tooMany.RetryAfter };
            case SubmissionVerdict.Take take:
                await RecordAsync(campaign.Slug, endorsement, take.Flag, cancellationToken);
                break;
        }
        return new IntakeOutcome.Received(endorsement.Language, endorsement.ReturnUrl);
    }

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
            log.LogInformation("Repeat endorsement {Endorsement} on {Campaign}: kept as a pending change for an admin; answered as new.", Short(key), campaign);
            return;
        }
        log.LogInformation("New {Kind} endorsement {Endorsement} on {Campaign}.", endorsement.Kind, Short(key), campaign);

        // Stored with its outbox row: from here on, finish the work even if the client hangs up.
        await emails.QueueAsync(new EmailRequest(campaign, key));
    }

    /// <summary>The encryption context of a pending change's details: its own row, so they cannot be swapped onto the endorsement.</summary>
    public static string ChangeContext(string campaign, string key) => EndorserDetails.Context(campaign, "change-" + key);

    internal static string Short(string key) => key.Length <= 12 ? key : key[..12];
}
