using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Intake;

/// <summary>
/// Takes a signature: checks the campaign and the fields, stores it once per person (with its outbox
/// row) and queues its confirmation. Nothing is stored unless every check passed.
/// </summary>
public sealed class SignatureIntake(
    SubmissionDoor door,
    SignatureTable signatures,
    EmailOutbox<SignatureOutbox> emails,
    DedupeKeys dedupeKeys,
    SignatureGuard guard,
    PersonalDataCipher cipher,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    ILogger<SignatureIntake> log) : ISubmissionKind<SignatureSubmission, ValidSignature>
{
    public Task<IntakeOutcome> SubmitAsync(string slug, RequestBody body, Language requestLanguage, Requester requester, CancellationToken cancellationToken) =>
        door.TakeAsync(this, slug, body, requestLanguage, requester, cancellationToken);

    public Entrance Entrance => Entrance.Signatures;

    public IParsedSubmission<SignatureSubmission> Parse(RequestBody body) => SignatureParser.Parse(body);

    public (ValidSignature? Valid, FieldErrors Errors) Validate(SignatureSubmission submission, Campaign campaign, Language requestLanguage, FieldErrors parseErrors) =>
        SignatureRules.Validate(submission, campaign, requestLanguage, time.GetUtcNow(), parseErrors);

    /// <summary>A dropped (honeypot) signature gets the same answer as a real one, so the bot learns nothing.</summary>
    public async Task<IntakeOutcome.Refused?> GuardAndRecordAsync(
        Campaign campaign, SignatureSubmission submission, ValidSignature signature, Requester requester, Language language, CancellationToken cancellationToken)
    {
        switch (await guard.CheckAsync(campaign, submission, signature, requester, cancellationToken))
        {
            case GuardVerdict.Refuse refuse:
                return refuse.Outcome;
            case GuardVerdict.Take take:
                await RecordAsync(campaign.Slug, signature, take, cancellationToken);
                break;
        }
        return null;
    }

    private async Task RecordAsync(string campaign, ValidSignature signature, GuardVerdict.Take verdict, CancellationToken cancellationToken)
    {
        var key = dedupeKeys.For(signature.CanonicalEmail);
        var personal = new PersonalDetails(signature.GivenName, signature.FamilyName, signature.Email, signature.PostalCode,
            signature.Locality, signature.Comments)
        {
            Identifiers = signature.Identifiers is [] ? null : signature.Identifiers,
            PersonIdentifiers = signature.PersonIdentifiers is [] ? null : signature.PersonIdentifiers,
        };
        var record = new SignatureRecord(campaign, key, signature.Language, signature.Source, signature.Region,
            PostalPrefix(signature.PostalCode), time.GetUtcNow(), personal.Protect(cipher, campaign, key))
        {
            Flag = verdict.Flag,
            IpHash = verdict.IpHash,
            EmailDomainHash = verdict.EmailDomainHash,
            SignedAt = signature.SignedAt,
        };

        EmailRequest? pending = new(campaign, key);
        if (!await signatures.InsertIfAbsentAsync(record, cancellationToken))
        {
            // Someone who withdrew and signs again starts a fresh signature (docs/decisions.md, "Signing again after withdrawing starts afresh").
            pending = await signatures.RepeatAsync(record, options.Value.ResendCooldown, cancellationToken);
            log.LogInformation("Repeat signature on {Campaign} ({Signature}); answered as new; email due: {EmailKind}.",
                campaign, key[..8], pending?.Kind.ToString() ?? "none due");
            if (pending is null) return;
        }

        // Stored with its outbox row: from here on, finish the work even if the client hangs up.
        await emails.QueueAsync(pending);
    }

    /// <summary>The first three characters of a postal code: enough for a regional breakdown, too coarse to locate a person.</summary>
    private static string PostalPrefix(string postalCode) => postalCode.Length <= 3 ? postalCode : postalCode[..3];
}
