using System.Text.Json;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Intake;

/// <summary>The outcome of reading a body: a submission, field errors in its structure, or a body that is not JSON at all.</summary>
public sealed record ParsedSignature(SignatureSubmission? Submission, FieldErrors Errors, bool Malformed) : IParsedSubmission<SignatureSubmission>;

/// <summary>Turns an OSDI JSON body or a form post into a <see cref="SignatureSubmission"/>, without judging the values.</summary>
public static class SignatureParser
{
    /// <summary>The honeypot's name in a form: a name bots like to fill.</summary>
    public const string HoneypotField = "website";

    /// <summary>
    /// The honeypot at the top of a JSON body (the embed sends its hidden <c>website</c> input under this name).
    /// Not <c>website</c>: an OSDI or Action Network client may send that for real. Namespaced with our own
    /// prefix, as OSDI namespaces vendor fields, so no other tool's field can be mistaken for it.
    /// </summary>
    public const string JsonHoneypotField = "petitionfunctions:homepage_url";

    public static ParsedSignature Parse(RequestBody body) =>
        body.Format == BodyFormat.Json ? ParseOsdi(body.Text) : ParseForm(body.Text);

    private static ParsedSignature ParseForm(string text)
    {
        var names = SignatureFieldNames.Form;
        var errors = new FieldErrors();
        var form = new FormBody(text, errors);
        string? Field(string name) => form[name];

        var submission = new SignatureSubmission
        {
            Names = names,
            GivenName = Field(names.GivenName),
            FamilyName = Field(names.FamilyName),
            Email = Field(names.Email),
            PostalCode = Field(names.PostalCode),
            Locality = Field(names.Locality),
            Region = Field(names.Region),
            Comments = Field(names.Comments),
            Language = Field(names.Language),
            Source = Field(names.Source),
            ReturnUrl = Field(names.ReturnUrl),
            Honeypot = Field(HoneypotField),
            CaptchaToken = Field(CaptchaFields.Turnstile) ?? Field(CaptchaFields.HCaptcha),
        };
        return new ParsedSignature(submission, errors, Malformed: false);
    }

    private static ParsedSignature ParseOsdi(string text)
    {
        var errors = new FieldErrors();
        using var document = JsonBody.ParseObject(text, errors);
        if (document is null) return new ParsedSignature(null, errors, Malformed: true);
        {
            var root = document.RootElement;

            var person = JsonBody.Child(root, "person", "person", errors);
            var (email, emailIndex) = JsonBody.FirstOf(person, "email_addresses", "person.email_addresses", errors);
            var (postal, postalIndex) = JsonBody.FirstOf(person, "postal_addresses", "person.postal_addresses", errors);
            var names = SignatureFieldNames.OsdiAt(emailIndex, postalIndex);
            var referrer = JsonBody.Child(root, "referrer_data", "referrer_data", errors);
            // Action Network's extension: its own referrer data, used when the OSDI one names no source.
            var actionNetworkReferrer = JsonBody.Child(root, "action_network:referrer_data", "action_network:referrer_data", errors);

            // A partner's tracking code is never a reason to refuse: a number is taken as its digits, another type ignored.
            static string? SourceIn(JsonElement? parent) =>
                parent is { } p && p.TryGetProperty("source", out var value)
                    ? value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.Number => value.GetRawText(),
                        _ => null,
                    }
                    : null;
            var source = SourceIn(referrer);
            if (string.IsNullOrWhiteSpace(source)) source = SourceIn(actionNetworkReferrer);

            // preferred_language, else the first English or Spanish entry of OSDI's languages_spoken
            // (["fr", "es-MX"] is Spanish), else nothing here and the request's language later.
            var preferred = JsonBody.Text(person, "preferred_language", names.Language, errors);
            var language = Languages.Parse(preferred) is not null ? preferred
                : SpokenLanguage(person) ?? preferred;

            var submission = new SignatureSubmission
            {
                Names = names,
                GivenName = JsonBody.Text(person, "given_name", names.GivenName, errors),
                FamilyName = JsonBody.Text(person, "family_name", names.FamilyName, errors),
                Email = JsonBody.Text(email, "address", names.Email, errors),
                PostalCode = JsonBody.Text(postal, "postal_code", names.PostalCode, errors),
                Locality = JsonBody.Text(postal, "locality", names.Locality, errors),
                Region = JsonBody.Text(postal, "region", names.Region, errors),
                Comments = JsonBody.Text(root, "comments", names.Comments, errors),
                Language = language,
                Source = source,
                ActionDate = root.TryGetProperty("action_date", out var actionDate) && actionDate.ValueKind == JsonValueKind.String
                    ? actionDate.GetString() : null,
                Identifiers = ForeignIdentifiers.From(root),
                PersonIdentifiers = ForeignIdentifiers.From(person),
                Honeypot = SubmissionGuard.HoneypotOf(root, JsonHoneypotField),
                CaptchaToken = JsonBody.Text(root, CaptchaFields.Json, CaptchaFields.Json, errors),
            };
            return new ParsedSignature(submission, errors, Malformed: false);
        }
    }

    /// <summary>The first entry of <c>person.languages_spoken</c> we write in; anything malformed there is ignored, never an error.</summary>
    private static string? SpokenLanguage(JsonElement? person) =>
        person is { } p && p.TryGetProperty("languages_spoken", out var spoken) && spoken.ValueKind == JsonValueKind.Array
            ? spoken.EnumerateArray()
                .Where(entry => entry.ValueKind == JsonValueKind.String)
                .Select(entry => entry.GetString())
                .FirstOrDefault(tag => Languages.Parse(tag) is not null)
            : null;
}
