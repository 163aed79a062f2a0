namespace PetitionFunctions.Intake;

/// <summary>The names a signature's fields go by in one input format, used to point errors at the right field.</summary>
public sealed record SignatureFieldNames(
    string GivenName,
    string FamilyName,
    string Email,
    string PostalCode,
    string Locality,
    string Region,
    string Comments,
    string Language,
    string Source,
    string ReturnUrl)
{
    /// <summary>OSDI record signature helper, as Action Network and CiviCRM integrations send it.</summary>
    public static readonly SignatureFieldNames Osdi = new(
        "person.given_name",
        "person.family_name",
        "person.email_addresses[0].address",
        "person.postal_addresses[0].postal_code",
        "person.postal_addresses[0].locality",
        "person.postal_addresses[0].region",
        "comments",
        "person.preferred_language",
        "referrer_data.source",
        "return_url");

    /// <summary>A plain HTML form on a partner's page.</summary>
    public static readonly SignatureFieldNames Form = new(
        "given_name", "family_name", "email", "postal_code", "locality", "region", "comments", "language", "source", "return_url");
}
