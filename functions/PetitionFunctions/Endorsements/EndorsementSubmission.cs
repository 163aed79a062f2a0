using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>The names an endorsement's fields go by in one input format, used to point errors at the right field.</summary>
public sealed record EndorsementFieldNames(
    string Type,
    string OrganizationName,
    string Website,
    string Scope,
    string OrganizationLocality,
    string OrganizationRegion,
    string LegalStatus,
    string LogoUrl,
    string SignerName,
    string SignerTitle,
    string SignerEmail,
    string SignerPhone,
    string PersonName,
    string PersonTitle,
    string PersonAffiliation,
    string PersonLocality,
    string PersonEmail,
    string ListPublicly,
    string Language,
    string Source,
    string ReturnUrl)
{
    /// <summary>JSON: an <c>organization</c> (OSDI-style field names) and its <c>signer</c>, or a <c>person</c>.</summary>
    public static readonly EndorsementFieldNames Json = new(
        "type",
        "organization.name", "organization.website", "organization.scope", "organization.locality", "organization.region",
        "organization.legal_status", "organization.logo_url",
        "signer.name", "signer.title", "signer.email", "signer.phone",
        "person.name", "person.title", "person.affiliation", "person.locality", "person.email",
        "list_publicly", "language", "referrer_data.source", "return_url");

    /// <summary>A plain HTML form on a partner's page.</summary>
    public static readonly EndorsementFieldNames Form = new(
        "type",
        "organization_name", "website", "scope", "locality", "region", "legal_status", "logo_url",
        "signer_name", "signer_title", "signer_email", "signer_phone",
        "name", "title", "affiliation", "locality", "email",
        "list_publicly", "language", "source", "return_url");
}

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
