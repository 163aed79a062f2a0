using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

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
