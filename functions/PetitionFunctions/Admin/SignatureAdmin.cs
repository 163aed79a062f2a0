using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

public abstract record SignatureAdminOutcome
{
    public sealed record Listed(OsdiSignaturePage Page) : SignatureAdminOutcome;

    public sealed record One(OsdiSignature Signature) : SignatureAdminOutcome;

    public sealed record Refused(ProblemKind Problem, FieldErrors? Errors = null) : SignatureAdminOutcome, IRefusal;
}

/// <summary>
/// Reading a campaign's signatures page by page (OSDI, HAL+JSON) and setting one aside or back. Personal
/// details are decrypted for the page asked for only, and never logged: the logs name a key's first
/// eight characters and the admin who acted.
/// </summary>
public sealed partial class SignatureAdmin(
    CampaignTable campaigns,
    SignatureTable signatures,
    EmailOutbox<SignatureOutbox> emails,
    PersonalDataCipher cipher,
    PublicLinks links,
    TimeProvider time,
    ILogger<SignatureAdmin> log)
{
    /// <summary>A page of signatures with their decrypted details; each read is logged with the admin who made it, never the details.</summary>
    public async Task<SignatureAdminOutcome> ListAsync(string slug, SignatureQuery query, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new SignatureAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        var page = await PageAsync(slug, query, CollectionOf(slug), source: null, cancellationToken);
        log.LogInformation("Admin {Actor} read {Count} decrypted signatures on {Campaign} (page {Page}).", actor, page.Embedded.Signatures.Count, slug, query.Page);
        return new SignatureAdminOutcome.Listed(page);
    }

    /// <summary>
    /// A page of the OSDI listing at <paramref name="collection"/>, of one partner's <paramref name="source"/>
    /// only when given. One pass over the campaign's signature rows, three columns each, for total_records
    /// and a stable order (oldest first, so signatures arriving while a client pages through land on later pages).
    /// </summary>
    public async Task<OsdiSignaturePage> PageAsync(string slug, SignatureQuery query, Uri collection, string? source, CancellationToken cancellationToken)
    {
        var rows = new List<SignatureListing>();
        await foreach (var row in signatures.ListingAsync(slug, query.State, query.ModifiedSince, source, cancellationToken))
            if (query.Admits(row)) rows.Add(row);
        rows.Sort((a, b) => a.ReceivedAt != b.ReceivedAt ? a.ReceivedAt.CompareTo(b.ReceivedAt) : string.CompareOrdinal(a.Key, b.Key));

        var window = new PageWindow(query.Page, query.PerPage, rows.Count);
        var page = rows.Skip((int)Math.Min(window.Skip, int.MaxValue)).Take(window.Take);
        var found = await Task.WhenAll(page.Select(row => signatures.FindWithModifiedAsync(slug, row.Key, cancellationToken)));
        var listed = found.OfType<ModifiedSignature>().Select(signature => Represent(signature, collection)).ToList();
        return OsdiSignatures.Page(window, collection, query, listed);
    }

    public async Task<SignatureAdminOutcome> FindAsync(string slug, string key, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new SignatureAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        if (!IsKey(key) || await signatures.FindWithModifiedAsync(slug, key, cancellationToken) is not { } signature)
            return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);
        log.LogInformation("Admin {Actor} read 1 decrypted signature ({Signature}) on {Campaign}.", actor, LogRefs.Of(key), slug);
        return new SignatureAdminOutcome.One(Represent(signature, CollectionOf(slug)));
    }

    /// <summary>Sets a signature aside; a confirmed one stops counting at the next roll-up. Doing it twice changes nothing.</summary>
    public Task<SignatureAdminOutcome> InvalidateAsync(string slug, string key, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(slug, key, actor, invalidate: true, cancellationToken);

    /// <summary>Puts an invalidated signature back as it was; a confirmed one counts again at the next roll-up.</summary>
    public Task<SignatureAdminOutcome> RestoreAsync(string slug, string key, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(slug, key, actor, invalidate: false, cancellationToken);

    private async Task<SignatureAdminOutcome> ChangeAsync(string slug, string key, string actor, bool invalidate, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new SignatureAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        if (!IsKey(key)) return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);
        var before = await signatures.FindWithModifiedAsync(slug, key, cancellationToken);
        if (before is null) return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);

        var now = time.GetUtcNow();
        var after = invalidate
            ? await signatures.InvalidateAsync(slug, key, now, cancellationToken)
            : await signatures.RestoreAsync(slug, key, now, cancellationToken);
        if (after is null) return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);
        if (after.Signature.State != before.Signature.State)
            log.LogInformation("Signature {Signature} on {Campaign} {Change} by {Actor}: {Before} → {After}.",
                LogRefs.Of(key), slug, invalidate ? "invalidated" : "restored", actor, before.Signature.State, after.Signature.State);
        return new SignatureAdminOutcome.One(Represent(after, CollectionOf(slug)));
    }

    /// <summary>
    /// The campaign's signatures address, for HAL links: from the app's public address (Links:PublicBaseUrl,
    /// else https://$WEBSITE_HOSTNAME), not the request's Host, which the Functions host's proxy may not carry through.
    /// </summary>
    private Uri CollectionOf(string slug) => new(links.BaseUrl, $"api/{AdminRoutes.Root}/campaigns/{slug}/signatures");

    private OsdiSignature Represent(ModifiedSignature signature, Uri collection) =>
        OsdiSignatures.Signature(signature, Details(signature.Signature), new Uri(collection.AbsoluteUri.TrimEnd('/') + "/" + signature.Signature.Key),
            new Uri(links.BaseUrl, $"api/campaigns/{signature.Signature.Campaign}"));

    private PersonalDetails? Details(StoredSignature signature)
    {
        var details = PersonalDetails.TryUnprotect(cipher, signature, out var failure);
        if (failure is not null)
            log.LogWarning("The personal details of signature {Signature} on {Campaign} could not be decrypted ({Failure}).",
                LogRefs.Of(signature.Key), signature.Campaign, failure);
        return details;
    }

    /// <summary>A signature key (<see cref="DedupeKeys.IsSignatureKey"/>). Anything else names no signature, without asking storage.</summary>
    public static bool IsKey(string? key) => DedupeKeys.IsSignatureKey(key);
}
