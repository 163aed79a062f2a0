using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

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
