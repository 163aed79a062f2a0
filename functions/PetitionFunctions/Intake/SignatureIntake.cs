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
                await RecordAsync(campaign.Slug, requester.Partner is { } partner ? signature with { Source = partner } : signature, take, cancellationToken);
                break;
        }
        return null;
    }

    private async Task RecordAsync(string campaign, ValidSignature signature, GuardVerdict.Take verdict, CancellationToken cancellationToken)
    {
        SignatureRecord Record(string key) => new(campaign, key, signature.Language, signature.Source, signature.Region,
            PostalPrefix(signature.PostalCode), time.GetUtcNow(), PersonalDetailsOf(signature).Protect(cipher, campaign, key))
        {
            Flag = verdict.Flag,
            IpHash = verdict.IpHash,
            EmailDomainHash = verdict.EmailDomainHash,
            SignedAt = signature.SignedAt,
            LimitsDue = verdict.LimitsDue,
        };

        var addressKey = dedupeKeys.For(signature.CanonicalEmail);
        if (await signatures.InsertIfAbsentAsync(Record(addressKey), cancellationToken))
        {
            if (verdict.Flag is null) await emails.QueueAsync(new EmailRequest(campaign, addressKey));
            return;
        }

        // The address has signed this campaign before: the same person again, or someone else in the household.
        if (await HouseholdKeyAsync(campaign, signature, addressKey, cancellationToken) is not { } key)
        {
            log.LogInformation("Signature on {Campaign} ({Signature}) from an address with {Household} signatures already; answered as new; nothing stored.",
                campaign, LogRefs.Of(addressKey), Households.MaxSignaturesPerAddress);
            return;
        }
        var record = Record(key);
        var joined = key != addressKey && await signatures.InsertIfAbsentAsync(record, cancellationToken);
        // Someone who withdrew and signs again starts a fresh signature (docs/decisions.md, "Signing again after withdrawing starts afresh").
        var pending = joined
            ? verdict.Flag is null ? new EmailRequest(campaign, key) : null
            : await signatures.RepeatAsync(record, options.Value.ResendCooldown, cancellationToken);
        log.LogInformation("{Kind} signature on {Campaign} ({Signature}); answered as new; email due: {EmailKind}.",
            joined ? "Household" : "Repeat", campaign, LogRefs.Of(key), pending?.Kind.ToString() ?? "none due");
        // Stored with its outbox row: from here on, finish the work even if the client hangs up.
        if (pending is not null) await emails.QueueAsync(pending);
    }

    /// <summary>
    /// Whose row a signature from an already used address is: a household member's row found by name; else
    /// the address's own row when the name is the one on it (or no name is left on it: withdrawn or
    /// anonymised); else a new member's row, unless the household is full (null).
    /// </summary>
    private async Task<string?> HouseholdKeyAsync(string campaign, ValidSignature signature, string addressKey, CancellationToken cancellationToken)
    {
        var household = await signatures.HouseholdAsync(campaign, addressKey, cancellationToken);
        var name = Households.CanonicalName(signature.GivenName, signature.FamilyName);
        var memberKey = dedupeKeys.ForHouseholdMember(signature.CanonicalEmail, name);
        if (household.Any(member => member.Key == memberKey)) return memberKey;
        if (household.FirstOrDefault(member => member.Key == addressKey) is not { } first || NameOn(first) is not { } firstName || firstName == name)
            return addressKey;
        return household.Count < Households.MaxSignaturesPerAddress ? memberKey : null;
    }

    /// <summary>The canonical name on a stored signature, or null when none is left on it or it cannot be read (a retired key).</summary>
    private string? NameOn(StoredSignature signature) =>
        PersonalDetails.TryUnprotect(cipher, signature, out _) is { } details ? Households.CanonicalName(details.GivenName, details.FamilyName) : null;

    private static PersonalDetails PersonalDetailsOf(ValidSignature signature) =>
        new(signature.GivenName, signature.FamilyName, signature.Email, signature.PostalCode, signature.Locality, signature.Comments)
        {
            Identifiers = signature.Identifiers is [] ? null : signature.Identifiers,
            PersonIdentifiers = signature.PersonIdentifiers is [] ? null : signature.PersonIdentifiers,
        };

    /// <summary>The first three characters of a postal code: enough for a regional breakdown, too coarse to locate a person.</summary>
    private static string PostalPrefix(string postalCode) => postalCode.Length <= 3 ? postalCode : postalCode[..3];
}
