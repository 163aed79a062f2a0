using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

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
