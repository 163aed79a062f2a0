using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Intake;

/// <summary>A signature that passed every rule, tidied for storage.</summary>
public sealed record ValidSignature(
    string GivenName,
    string FamilyName,
    string Email,
    string CanonicalEmail,
    string PostalCode,
    string? Locality,
    string? Region,
    string? Comments,
    Language Language,
    string? Source,
    Uri? ReturnUrl) : IValidSubmission
{
    /// <summary>When the partner's system says the person signed, if plausible (<see cref="ActionDates"/>); else null.</summary>
    public DateTimeOffset? SignedAt { get; init; }

    public IReadOnlyList<string> Identifiers { get; init; } = [];

    public IReadOnlyList<string> PersonIdentifiers { get; init; } = [];
}
