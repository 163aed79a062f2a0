using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

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
