using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>A trend as the admin API shows it; <see cref="EmailDomain"/> is read from one of its signatures, never an address.</summary>
public sealed record TrendView(string Kind, string Hash, int Count, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? EmailDomain);

public sealed record BulkPreview(int Count, int Flagged);

public sealed record BulkResult(string Id, int Count);

public abstract record BulkOutcome
{
    public sealed record Done(object Body) : BulkOutcome;

    public sealed record Refused(ProblemKind Problem, FieldErrors? Errors = null) : BulkOutcome, IRefusal;
}

/// <summary>
/// What admins do to many signatures at once: see the hourly trends, then invalidate (or release) the
/// signatures that meet a condition: preview the count, apply, undo. Each change goes through the same
/// storage call as the one-signature admin action, so the journal and the counts follow at the next
/// roll-up. Logs name the campaign, the operation, the admin and the counts, never a signer.
/// </summary>
public sealed partial class BulkSignatureAdmin(
    CampaignTable campaigns,
    SignatureTable signatures,
    TrendTable trends,
    SenderHashes hashes,
    PersonalDataCipher cipher,
    EmailOutbox<SignatureOutbox> emails,
    TimeProvider time,
    ILogger<BulkSignatureAdmin> log)
{
    private const int TrendsShown = 200;
    private const int Parallelism = 8;

    public async Task<BulkOutcome> TrendsAsync(string slug, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new BulkOutcome.Refused(ProblemKind.CampaignNotFound);
        var views = new List<TrendView>();
        foreach (var trend in await trends.ListAsync(slug, TrendsShown, cancellationToken))
            views.Add(new TrendView(trend.Kind == TrendKind.Ip ? "ip" : "email_domain", trend.Hash, trend.Count, trend.WindowStart, trend.WindowEnd,
                DomainOf(slug, trend)));
        return new BulkOutcome.Done(new { trends = views });
    }

    public async Task<BulkOutcome> PreviewAsync(string slug, string json, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new BulkOutcome.Refused(ProblemKind.CampaignNotFound);
        var (condition, errors) = BulkConditions.Parse(json, hashes);
        if (condition is null) return new BulkOutcome.Refused(ProblemKind.InvalidFields, errors);
        int count = 0, flagged = 0;
        await foreach (var mark in signatures.MatchingAsync(slug, condition, cancellationToken))
        {
            if (mark.State == SignatureState.Invalidated) continue;
            count++;
            if (mark.Flag is not null) flagged++;
        }
        return new BulkOutcome.Done(new BulkPreview(count, flagged));
    }

    /// <summary>Invalidates every matching signature not already invalidated, tagging each with a new operation id for the undo.</summary>
    public async Task<BulkOutcome> InvalidateAsync(string slug, string json, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new BulkOutcome.Refused(ProblemKind.CampaignNotFound);
        var (condition, errors) = BulkConditions.Parse(json, hashes);
        if (condition is null) return new BulkOutcome.Refused(ProblemKind.InvalidFields, errors);

        var operation = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var targets = await ListAsync(signatures.MatchingAsync(slug, condition, cancellationToken), m => m.State != SignatureState.Invalidated);
        var now = time.GetUtcNow();
        var changed = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (mark, token) =>
            {
                var after = await signatures.InvalidateAsync(slug, mark.Key, now, token, operation);
                if (after?.Signature.State == SignatureState.Invalidated) Interlocked.Increment(ref changed);
            });
        log.LogInformation("Bulk invalidation {Operation} on {Campaign} by {Actor}: {Count} signatures set aside.", operation, slug, actor, changed);
        return new BulkOutcome.Done(new BulkResult(operation, changed));
    }

    /// <summary>Restores exactly the signatures an invalidation set aside that are still invalidated. Doing it twice restores none the second time.</summary>
    public async Task<BulkOutcome> UndoAsync(string slug, string operation, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new BulkOutcome.Refused(ProblemKind.CampaignNotFound);
        if (!OperationPattern().IsMatch(operation)) return new BulkOutcome.Refused(ProblemKind.OperationNotFound);
        var targets = await ListAsync(signatures.InvalidatedByAsync(slug, operation, cancellationToken), _ => true);
        var now = time.GetUtcNow();
        var restored = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (mark, token) =>
            {
                var after = await signatures.RestoreAsync(slug, mark.Key, now, token);
                if (after is not null && after.Signature.State != SignatureState.Invalidated) Interlocked.Increment(ref restored);
            });
        log.LogInformation("Bulk invalidation {Operation} on {Campaign} undone by {Actor}: {Count} signatures restored.", operation, slug, actor, restored);
        return new BulkOutcome.Done(new BulkResult(operation, restored));
    }

    /// <summary>Releases every matching signature that intake flagged (and that is not invalidated); confirmed ones count from the next roll-up.</summary>
    public async Task<BulkOutcome> ReleaseAsync(string slug, string json, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new BulkOutcome.Refused(ProblemKind.CampaignNotFound);
        var (condition, errors) = BulkConditions.Parse(json, hashes);
        if (condition is null) return new BulkOutcome.Refused(ProblemKind.InvalidFields, errors);
        var targets = await ListAsync(signatures.MatchingAsync(slug, condition, cancellationToken),
            m => m.Flag is not null && m.State != SignatureState.Invalidated);
        var now = time.GetUtcNow();
        var released = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (mark, token) =>
            {
                if (await signatures.ReleaseAsync(slug, mark.Key, now, token) is not { } release) return;
                if (release.Owed is { } owed) await emails.QueueAsync(owed);
                if (release.Signature.Signature.Flag is null) Interlocked.Increment(ref released);
            });
        var operation = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        log.LogInformation("Bulk release {Operation} on {Campaign} by {Actor}: {Count} flagged signatures released.", operation, slug, actor, released);
        return new BulkOutcome.Done(new BulkResult(operation, released));
    }

    private static async Task<List<SignatureMark>> ListAsync(IAsyncEnumerable<SignatureMark> marks, Func<SignatureMark, bool> wanted)
    {
        var list = new List<SignatureMark>();
        await foreach (var mark in marks) if (wanted(mark)) list.Add(mark);
        return list;
    }

    /// <summary>An email-domain trend's domain, decrypted for this answer only.</summary>
    private string? DomainOf(string slug, Trend trend)
    {
        if (trend.ProtectedDomain is not { } domain) return null;
        try
        {
            return cipher.Decrypt(domain, TrendDetector.DomainContext(slug));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex OperationPattern();
}
