using PetitionFunctions.Submissions;

namespace PetitionFunctions.Intake;

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

    /// <summary>OSDI's <c>action_date</c> as sent: when the partner's system says the person signed.</summary>
    public string? ActionDate { get; init; }

    /// <summary>The partner system's identifiers of this signature and of the person (<see cref="ForeignIdentifiers"/>).</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    public IReadOnlyList<string> PersonIdentifiers { get; init; } = [];

    /// <summary>The honeypot: a field people never see. Anything in it means a bot filled the form.</summary>
    public string? Honeypot { get; init; }

    /// <summary>The captcha widget's token, when the campaign has a captcha.</summary>
    public string? CaptchaToken { get; init; }

    /// <summary>True for a browser form post, which is answered with a redirect rather than JSON.</summary>
    public bool IsFormPost => ReferenceEquals(Names, SignatureFieldNames.Form);
}
