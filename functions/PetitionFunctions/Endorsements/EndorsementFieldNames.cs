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
