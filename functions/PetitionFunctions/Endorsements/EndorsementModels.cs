using System.Text.Json;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>Who endorses: an organisation (through an authorised signer) or an individual leader.</summary>
public enum EndorserKind
{
    Organization,
    Individual,
}

/// <summary>How far an organisation's work reaches. The public list and the delivery are ordered by it.</summary>
public enum EndorsementScope
{
    National,
    State,
    Local,
}

/// <summary>Whether the signer opened the confirm link in their email.</summary>
public enum EndorsementState
{
    Unconfirmed,
    Confirmed,
}

/// <summary>An admin's decision. Nothing appears publicly or in a delivery until approved.</summary>
public enum ModerationState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>What an organisation shows the world: kept in clear, since it is listed and delivered.</summary>
public sealed record OrganizationProfile(
    string Name,
    string Website,
    EndorsementScope Scope,
    string? Locality,
    string? Region,
    string? LegalStatus,
    string? LogoUrl);

/// <summary>
/// The person behind an endorsement: an organisation's authorised signer (name, title, email, phone) or
/// an individual leader (name, title, affiliation, city, email). Stored only encrypted, bound to its row;
/// never logged, never in a queue message.
/// </summary>
public sealed record EndorserDetails(
    string Name,
    string Title,
    string Email,
    string? Phone = null,
    string? Affiliation = null,
    string? Locality = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An organisation's signer after an erasure: nothing about them is left.</summary>
    public static readonly EndorserDetails Erased = new("", "", "");

    public static string Context(string campaign, string rowKey) => $"endorsement:{campaign}:{rowKey}";

    public string Protect(PersonalDataCipher cipher, string context) => cipher.Encrypt(JsonSerializer.Serialize(this, Json), context);

    public static EndorserDetails Unprotect(PersonalDataCipher cipher, string context, string protectedText) =>
        JsonSerializer.Deserialize<EndorserDetails>(cipher.Decrypt(protectedText, context), Json)!;
}

/// <summary>An endorsement that passed every rule, tidied for storage.</summary>
public sealed record ValidEndorsement(
    EndorserKind Kind,
    OrganizationProfile? Organization,
    EndorserDetails Endorser,
    string CanonicalEmail,
    bool ListPublicly,
    Language Language,
    string? Source,
    Uri? ReturnUrl) : IValidSubmission
{
    /// <summary>Whether the signer's email is at the organisation's own domain (checked for real once they confirm).</summary>
    public bool DomainMatches => Organization is { } org && OrganizationIdentity.EmailMatchesWebsite(CanonicalEmail, org.Website);
}

/// <summary>
/// The keyed hashes (<see cref="Signatures.DedupeKeys"/>) an erasure finds an organisation's signer by: of
/// their canonical email, and of their canonical phone number when they gave one.
/// </summary>
public sealed record SignerKeys(string Email, string? Phone);

/// <summary>A new endorsement, ready to store.</summary>
public sealed record EndorsementRecord(
    string Campaign,
    string Key,
    EndorserKind Kind,
    OrganizationProfile? Organization,
    string? CanonicalName,
    string? Domain,
    bool DomainMatches,
    bool ListPublicly,
    Language Language,
    string? Source,
    DateTimeOffset ReceivedAt,
    string ProtectedDetails,
    string? Flag = null,
    SignerKeys? Signer = null);

/// <summary>A second submission for an endorsement that already exists, kept for an admin to apply or discard.</summary>
public sealed record PendingChange(
    OrganizationProfile? Organization,
    bool ListPublicly,
    Language Language,
    DateTimeOffset ReceivedAt,
    bool DomainMatches,
    string ProtectedDetails,
    string? Flag = null,
    SignerKeys? Signer = null);

/// <summary>An endorsement as read back from the table.</summary>
public sealed record StoredEndorsement(
    string Campaign,
    string Key,
    EndorserKind Kind,
    OrganizationProfile? Organization,
    string? Domain,
    bool DomainMatches,
    bool ListPublicly,
    Language Language,
    string? Source,
    DateTimeOffset ReceivedAt,
    EndorsementState State,
    DateTimeOffset? ConfirmedAt,
    ModerationState Moderation,
    DateTimeOffset? ModeratedAt,
    string ProtectedDetails,
    int EmailsSent,
    string? EmailFailure,
    PendingChange? Change,
    string? Flag = null)
{
    /// <summary>Confirmed by email from an address at the organisation's own website domain.</summary>
    public bool DomainVerified => State == EndorsementState.Confirmed && DomainMatches;

    public string DetailsContext => EndorserDetails.Context(Campaign, Key);

    /// <summary>An organisation's signer was erased: the endorsement stays, with no details of who signed it.</summary>
    public bool SignerErased => ProtectedDetails.Length == 0;

    public EndorserDetails Details(PersonalDataCipher cipher) =>
        SignerErased ? EndorserDetails.Erased : EndorserDetails.Unprotect(cipher, DetailsContext, ProtectedDetails);
}
