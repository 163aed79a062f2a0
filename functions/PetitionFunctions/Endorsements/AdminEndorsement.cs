using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

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
