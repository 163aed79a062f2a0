using System.Text.Json.Serialization;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

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
