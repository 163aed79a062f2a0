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
    /// <summary>OSDI record signature helper, as Action Network and CiviCRM integrations send it, with the first entries of its lists used.</summary>
    public static readonly SignatureFieldNames Osdi = OsdiNames(0, 0);

    /// <summary>The OSDI names pointing at the entries actually used: the primary email address and postal address may be any entry of their lists.</summary>
    public static SignatureFieldNames OsdiAt(int emailIndex, int postalIndex) =>
        emailIndex == 0 && postalIndex == 0 ? Osdi : OsdiNames(emailIndex, postalIndex);

    private static SignatureFieldNames OsdiNames(int emailIndex, int postalIndex) => new(
        "person.given_name",
        "person.family_name",
        $"person.email_addresses[{emailIndex}].address",
        $"person.postal_addresses[{postalIndex}].postal_code",
        $"person.postal_addresses[{postalIndex}].locality",
        $"person.postal_addresses[{postalIndex}].region",
        "comments",
        "person.preferred_language",
        "referrer_data.source",
        "return_url");

    /// <summary>A plain HTML form on a partner's page.</summary>
    public static readonly SignatureFieldNames Form = new(
        "given_name", "family_name", "email", "postal_code", "locality", "region", "comments", "language", "source", "return_url");
}
