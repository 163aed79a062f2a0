using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>A pending change as an admin sees it.</summary>
/// <param name="Flag">"rate-limit" when its sender's address was over the letter's limits.</param>
public sealed record AdminPendingChange(OrganizationProfile? Organization, EndorserDetails Endorser, bool ListPublicly, bool DomainMatches, DateTimeOffset ReceivedAt,
    string? Flag);

/// <summary>
/// An endorsement as an admin sees it: everything, the signer's details decrypted. When the signer was
/// erased, <see cref="SignerErased"/> is true and the signer's name, title and email are empty.
/// </summary>
public sealed record AdminEndorsement(
    string Key,
    EndorserKind Kind,
    OrganizationProfile? Organization,
    string? Domain,
    EndorserDetails Endorser,
    bool ListPublicly,
    string Language,
    string? Source,
    DateTimeOffset ReceivedAt,
    EndorsementState State,
    DateTimeOffset? ConfirmedAt,
    bool DomainVerified,
    ModerationState Moderation,
    DateTimeOffset? ModeratedAt,
    string? EmailFailure,
    AdminPendingChange? PendingChange,
    string? Flag,
    bool SignerErased);

/// <summary>What became of each key in a moderation request.</summary>
public sealed record ModerationResult(IReadOnlyList<string> Updated, IReadOnlyList<string> NotFound);

public abstract record ModerationOutcome
{
    public sealed record Done(object Body) : ModerationOutcome;

    public sealed record Refused(ProblemKind Problem, FieldErrors? Errors = null) : ModerationOutcome, IRefusal;
}

/// <summary>The admin side of endorsements: list with details, approve or reject (one or many), apply or discard a pending change.</summary>
public sealed class EndorsementModeration(
    CampaignTable campaigns,
    EndorsementTable endorsements,
    EndorsementReads reads,
    PersonalDataCipher cipher,
    TimeProvider time,
    ILogger<EndorsementModeration> log)
{
    /// <summary>At most this many endorsements per bulk request.</summary>
    public const int MaxKeys = 500;

    public async Task<ModerationOutcome> ListAsync(string slug, string? moderation, CancellationToken cancellationToken)
    {
        if (await LetterProblemAsync(slug, cancellationToken) is { } problem) return problem;
        ModerationState? filter = null;
        if (!string.IsNullOrWhiteSpace(moderation))
        {
            if (!Enum.TryParse<ModerationState>(moderation, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                || int.TryParse(moderation, out _))
            {
                var errors = new FieldErrors();
                errors.Add("moderation", ModerationMessages.InvalidState);
                return new ModerationOutcome.Refused(ProblemKind.InvalidFields, errors);
            }
            filter = parsed;
        }
        var all = await endorsements.ListAsync(slug, cancellationToken);
        var shown = all.Where(e => filter is null || e.Moderation == filter)
            .OrderBy(e => e.Moderation).ThenBy(e => e.ReceivedAt)
            .Select(ToAdmin).ToList();
        return new ModerationOutcome.Done(new { endorsements = shown, count = shown.Count });
    }

    /// <summary>Sets the moderation state of the given endorsements. Keys the letter does not have are reported, not an error.</summary>
    public async Task<ModerationOutcome> ModerateAsync(string slug, IReadOnlyList<string> keys, ModerationState state, string? by,
        CancellationToken cancellationToken)
    {
        if (await LetterProblemAsync(slug, cancellationToken) is { } problem) return problem;
        var updated = new List<string>();
        var notFound = new List<string>();
        var now = time.GetUtcNow();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var result = EndorsementTable.IsEndorsementKey(key) ? await endorsements.ModerateAsync(slug, key, state, by, now, cancellationToken) : null;
            (result is null ? notFound : updated).Add(key);
        }
        reads.Forget(slug);
        log.LogInformation("{Count} endorsements on {Campaign} set to {State} by an admin.", updated.Count, slug, state);
        return new ModerationOutcome.Done(new ModerationResult(updated, notFound));
    }

    public async Task<ModerationOutcome> ResolveChangeAsync(string slug, string key, bool apply, CancellationToken cancellationToken)
    {
        if (await LetterProblemAsync(slug, cancellationToken) is { } problem) return problem;
        if (!EndorsementTable.IsEndorsementKey(key)) return new ModerationOutcome.Refused(ProblemKind.EndorsementNotFound);
        var resolved = await endorsements.ResolveChangeAsync(slug, key, apply,
            change => EndorserDetails.Unprotect(cipher, EndorsementIntake.ChangeContext(slug, key), change.ProtectedDetails)
                .Protect(cipher, EndorserDetails.Context(slug, key)),
            cancellationToken);
        if (resolved is null) return new ModerationOutcome.Refused(ProblemKind.EndorsementNotFound);
        reads.Forget(slug);
        log.LogInformation("The pending change of endorsement {Endorsement} on {Campaign} was {Decision} by an admin.",
            EndorsementIntake.Short(key), slug, apply ? "applied" : "discarded");
        return new ModerationOutcome.Done(ToAdmin(resolved));
    }

    private async Task<ModerationOutcome.Refused?> LetterProblemAsync(string slug, CancellationToken cancellationToken) =>
        await campaigns.FindAsync(slug, cancellationToken) switch
        {
            null => new ModerationOutcome.Refused(ProblemKind.CampaignNotFound),
            { Kind: not CampaignKind.Letter } => new ModerationOutcome.Refused(ProblemKind.NotALetter),
            _ => null,
        };

    private AdminEndorsement ToAdmin(StoredEndorsement e) => new(
        e.Key, e.Kind, e.Organization, e.Domain, e.Details(cipher), e.ListPublicly, e.Language.Code(), e.Source, e.ReceivedAt, e.State,
        e.ConfirmedAt, e.DomainVerified, e.Moderation, e.ModeratedAt, e.EmailFailure,
        e.Change is { } c
            ? new AdminPendingChange(c.Organization, EndorserDetails.Unprotect(cipher, EndorsementIntake.ChangeContext(e.Campaign, e.Key), c.ProtectedDetails),
                c.ListPublicly, c.DomainMatches, c.ReceivedAt, c.Flag)
            : null,
        e.Flag,
        e.Kind == EndorserKind.Organization && e.SignerErased);
}

public static class ModerationMessages
{
    public static readonly LocalizedText InvalidState = new(
        "Use pending, approved or rejected.",
        "Use pending, approved o rejected.");

    public static readonly LocalizedText InvalidDecision = new(
        "Use apply or discard.",
        "Use apply (aplicar) o discard (descartar).");

    public static readonly LocalizedText TooManyKeys = new(
        $"Send between 1 and {EndorsementModeration.MaxKeys} keys.",
        $"Envíe entre 1 y {EndorsementModeration.MaxKeys} claves.");
}
