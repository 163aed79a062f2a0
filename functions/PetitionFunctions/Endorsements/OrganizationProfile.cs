using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>What an organisation shows the world: kept in clear, since it is listed and delivered.</summary>
public sealed record OrganizationProfile(
    string Name,
    string Website,
    EndorsementScope Scope,
    string? Locality,
    string? Region,
    string? LegalStatus,
    string? LogoUrl);
