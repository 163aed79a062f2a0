using PetitionFunctions.Submissions;

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

/// <summary>A signature as submitted, before validation: every field is whatever the person typed, or null.</summary>
public sealed record SignatureSubmission : ISubmission
{
    public required SignatureFieldNames Names { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? Email { get; init; }
    public string? PostalCode { get; init; }
    public string? Locality { get; init; }
    public string? Region { get; init; }
    public string? Comments { get; init; }
    public string? Language { get; init; }
    public string? Source { get; init; }
    public string? ReturnUrl { get; init; }

    /// <summary>The honeypot: a field people never see. Anything in it means a bot filled the form.</summary>
    public string? Honeypot { get; init; }

    /// <summary>The captcha widget's token, when the campaign has a captcha.</summary>
    public string? CaptchaToken { get; init; }

    /// <summary>True for a browser form post, which is answered with a redirect rather than JSON.</summary>
    public bool IsFormPost => ReferenceEquals(Names, SignatureFieldNames.Form);
}
