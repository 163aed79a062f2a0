using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>An endorsement as submitted, before validation: every field is whatever was typed, or null.</summary>
public sealed record EndorsementSubmission : ISubmission
{
    public required EndorsementFieldNames Names { get; init; }
    public string? Type { get; init; }
    public string? OrganizationName { get; init; }
    public string? Website { get; init; }
    public string? Scope { get; init; }
    public string? OrganizationLocality { get; init; }
    public string? OrganizationRegion { get; init; }
    public string? LegalStatus { get; init; }
    public string? LogoUrl { get; init; }
    public string? SignerName { get; init; }
    public string? SignerTitle { get; init; }
    public string? SignerEmail { get; init; }
    public string? SignerPhone { get; init; }
    public string? PersonName { get; init; }
    public string? PersonTitle { get; init; }
    public string? PersonAffiliation { get; init; }
    public string? PersonLocality { get; init; }
    public string? PersonEmail { get; init; }

    /// <summary>The consent to be listed publicly: true, false, or null when not answered.</summary>
    public bool? ListPublicly { get; init; }
    public string? Language { get; init; }
    public string? Source { get; init; }
    public string? ReturnUrl { get; init; }

    /// <summary>The honeypot (<see cref="Submissions.SubmissionGuard.HoneypotField"/>): a field people never see. Anything in it means a bot.</summary>
    public string? Honeypot { get; init; }

    /// <summary>True for a browser form post, which is answered with a redirect rather than JSON.</summary>
    public bool IsFormPost => ReferenceEquals(Names, EndorsementFieldNames.Form);
}
