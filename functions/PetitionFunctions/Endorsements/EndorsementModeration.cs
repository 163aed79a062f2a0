using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

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

    /// <summary>Every endorsement with its signer's decrypted details; each read is logged with the admin who made it.</summary>
    public async Task<ModerationOutcome> ListAsync(string slug, string? moderation, string actor, CancellationToken cancellationToken)
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
        log.LogInformation("Admin {Actor} read {Count} decrypted endorsements on {Campaign}.", actor, shown.Count, slug);
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
            LogRefs.Of(key), slug, apply ? "applied" : "discarded");
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
