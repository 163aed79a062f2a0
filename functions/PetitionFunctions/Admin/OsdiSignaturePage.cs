using System.Text.Json.Serialization;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>An OSDI collection page of signatures (HAL+JSON).</summary>
public sealed record OsdiSignaturePage(
    int TotalPages,
    int PerPage,
    int Page,
    int TotalRecords,
    [property: JsonPropertyName("_links")] OsdiPageLinks Links,
    [property: JsonPropertyName("_embedded")] OsdiEmbeddedSignatures Embedded);

public sealed record OsdiPageLinks(
    HalLink Self,
    HalLink? Next,
    HalLink? Previous,
    IReadOnlyList<HalCurie> Curies,
    [property: JsonPropertyName("osdi:signatures")] IReadOnlyList<HalLink> Signatures);

public sealed record OsdiEmbeddedSignatures([property: JsonPropertyName("osdi:signatures")] IReadOnlyList<OsdiSignature> Signatures);

/// <summary>
/// One signature as OSDI represents it, with our own fields under the <c>petitionfunctions:</c> prefix.
/// Times are OSDI's whole-second UTC strings (<see cref="HalJson.Time"/>).
/// </summary>
public sealed record OsdiSignature(
    IReadOnlyList<string> Identifiers,
    string CreatedDate,
    string ModifiedDate,
    string? ActionDate,
    string? Comments,
    OsdiReferrer ReferrerData,
    [property: JsonPropertyName("petitionfunctions:state")] string State,
    /// <summary>Why intake kept this signature out of the count ("rate-limit"); absent when it counts normally.</summary>
    [property: JsonPropertyName("petitionfunctions:flag")] string? Flag,
    /// <summary>Why no more email goes to this signer (a refused address, or "gave-up-after-retries"); absent while email works.</summary>
    [property: JsonPropertyName("petitionfunctions:email_failure")] string? EmailFailure,
    [property: JsonPropertyName("_links")] OsdiSignatureLinks Links,
    [property: JsonPropertyName("_embedded")] OsdiEmbeddedPerson Embedded);

/// <summary>
/// A signature's links. We have no separate person resource: the person is embedded in the signature, so
/// <c>osdi:person</c> points at the signature that embeds it.
/// </summary>
public sealed record OsdiSignatureLinks(
    HalLink Self,
    [property: JsonPropertyName("osdi:person")] HalLink Person,
    [property: JsonPropertyName("osdi:petition")] HalLink Petition);

public sealed record OsdiEmbeddedPerson([property: JsonPropertyName("osdi:person")] OsdiPerson Person);

public sealed record OsdiPerson(
    IReadOnlyList<string>? Identifiers,
    string? GivenName,
    string? FamilyName,
    IReadOnlyList<OsdiEmailAddress> EmailAddresses,
    IReadOnlyList<OsdiPostalAddress> PostalAddresses,
    string PreferredLanguage);

public sealed record OsdiEmailAddress(string Address, bool Primary = true);

public sealed record OsdiPostalAddress(string? PostalCode, string? Locality, string? Region, bool Primary = true);

public sealed record OsdiReferrer(string? Source);
