using System.Text.Json;
using System.Text.Json.Serialization;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

/// <summary>The OSDI (HAL+JSON) shapes of the signatures admin API.</summary>
public static class OsdiSignatures
{
    public const string MediaType = "application/hal+json";
    public const string IdentifierPrefix = "petitionfunctions:";

    /// <summary>ApiJson's style, leaving out absent links and fields (HAL has no "next" on the last page).</summary>
    public static readonly JsonSerializerOptions Json = new(ApiJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string StateName(SignatureState state) => state.ToString().ToLowerInvariant();

    /// <param name="details">Null when the personal details could not be decrypted (a retired key): the rest is still shown.</param>
    public static OsdiSignature Signature(ModifiedSignature row, PersonalDetails? details, Uri self)
    {
        var signature = row.Signature;
        return new OsdiSignature(
            [IdentifierPrefix + signature.Key],
            signature.ReceivedAt,
            // The table's Timestamp is the server's clock at millisecond precision; never report a change before the creation.
            row.Modified > signature.ReceivedAt ? row.Modified : signature.ReceivedAt,
            StateName(signature.State),
            signature.Flag,
            signature.EmailFailure,
            new OsdiPerson(
                details?.GivenName,
                details?.FamilyName,
                details is null ? [] : [new OsdiEmailAddress(details.Email)],
                [new OsdiPostalAddress(details?.PostalCode, details?.Locality, signature.Region)],
                signature.Language.Code()),
            details?.Comments,
            new OsdiReferrer(signature.Source),
            new OsdiSignatureLinks(new HalLink(self.AbsoluteUri)));
    }

    public static OsdiSignaturePage Page(PageWindow window, Uri collection, SignatureQuery query, IReadOnlyList<OsdiSignature> signatures) =>
        new(window.TotalPages, window.PerPage, window.Page, window.TotalRecords,
            new HalPageLinks(
                new HalLink(collection.AbsoluteUri + query.QueryStringFor(window.Page)),
                window.NextPage is { } next ? new HalLink(collection.AbsoluteUri + query.QueryStringFor(next)) : null,
                window.PreviousPage is { } previous ? new HalLink(collection.AbsoluteUri + query.QueryStringFor(previous)) : null),
            new OsdiEmbeddedSignatures(signatures));
}

public sealed record HalLink(string Href);

public sealed record HalPageLinks(HalLink Self, HalLink? Next, HalLink? Prev);

public sealed record OsdiSignaturePage(
    int TotalPages,
    int PerPage,
    int Page,
    int TotalRecords,
    [property: JsonPropertyName("_links")] HalPageLinks Links,
    [property: JsonPropertyName("_embedded")] OsdiEmbeddedSignatures Embedded);

public sealed record OsdiEmbeddedSignatures([property: JsonPropertyName("osdi:signatures")] IReadOnlyList<OsdiSignature> Signatures);

public sealed record OsdiSignature(
    IReadOnlyList<string> Identifiers,
    DateTimeOffset CreatedDate,
    DateTimeOffset ModifiedDate,
    string State,
    /// <summary>Why intake kept this signature out of the count ("rate-limit"); absent when it counts normally.</summary>
    string? Flag,
    /// <summary>Why no more email goes to this signer (a refused address, or "gave-up-after-retries"); absent while email works.</summary>
    string? EmailFailure,
    OsdiPerson Person,
    string? Comments,
    OsdiReferrer ReferrerData,
    [property: JsonPropertyName("_links")] OsdiSignatureLinks Links);

public sealed record OsdiSignatureLinks(HalLink Self);

public sealed record OsdiPerson(
    string? GivenName,
    string? FamilyName,
    IReadOnlyList<OsdiEmailAddress> EmailAddresses,
    IReadOnlyList<OsdiPostalAddress> PostalAddresses,
    string PreferredLanguage);

public sealed record OsdiEmailAddress(string Address);

public sealed record OsdiPostalAddress(string? PostalCode, string? Locality, string? Region);

public sealed record OsdiReferrer(string? Source);
