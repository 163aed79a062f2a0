using System.Text.Json;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>The outcome of reading a body: a submission, field errors in its structure, or a body that is not JSON at all.</summary>
public sealed record ParsedEndorsement(EndorsementSubmission? Submission, FieldErrors Errors, bool Malformed) : IParsedSubmission<EndorsementSubmission>;

/// <summary>Turns a JSON body or a form post into an <see cref="EndorsementSubmission"/>, without judging the values.</summary>
public static class EndorsementParser
{
    public static ParsedEndorsement Parse(RequestBody body) =>
        body.Format == BodyFormat.Json ? ParseJson(body.Text) : ParseForm(body.Text);

    private static ParsedEndorsement ParseForm(string text)
    {
        var names = EndorsementFieldNames.Form;
        var errors = new FieldErrors();
        var form = new FormBody(text, errors);
        string? Field(string name) => form[name];

        // A checkbox is sent only when ticked; an unticked one is a "no".
        var consent = Field(names.ListPublicly);
        bool? listPublicly = consent is null ? false : FormBoolean(consent);
        if (consent is not null && listPublicly is null) errors.Add(names.ListPublicly, EndorsementMessages.YesOrNo);

        var submission = new EndorsementSubmission
        {
            Names = names,
            Type = Field(names.Type),
            OrganizationName = Field(names.OrganizationName),
            Website = Field(names.Website),
            Scope = Field(names.Scope),
            OrganizationLocality = Field(names.OrganizationLocality),
            OrganizationRegion = Field(names.OrganizationRegion),
            LegalStatus = Field(names.LegalStatus),
            LogoUrl = Field(names.LogoUrl),
            SignerName = Field(names.SignerName),
            SignerTitle = Field(names.SignerTitle),
            SignerEmail = Field(names.SignerEmail),
            SignerPhone = Field(names.SignerPhone),
            PersonName = Field(names.PersonName),
            PersonTitle = Field(names.PersonTitle),
            PersonAffiliation = Field(names.PersonAffiliation),
            PersonLocality = Field(names.PersonLocality),
            PersonEmail = Field(names.PersonEmail),
            ListPublicly = listPublicly ?? false,
            Language = Field(names.Language),
            Source = Field(names.Source),
            ReturnUrl = Field(names.ReturnUrl),
            Honeypot = Field(SubmissionGuard.HoneypotField),
        };
        return new ParsedEndorsement(submission, errors, Malformed: false);
    }

    private static bool? FormBoolean(string value) => value.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" or "si" or "sí" => true,
        "off" or "false" or "no" or "0" => false,
        _ => null,
    };

    private static ParsedEndorsement ParseJson(string text)
    {
        var errors = new FieldErrors();
        using var document = JsonBody.ParseObject(text, errors);
        if (document is null) return new ParsedEndorsement(null, errors, Malformed: true);
        {
            var root = document.RootElement;

            var names = EndorsementFieldNames.Json;
            var organization = JsonBody.Child(root, "organization", "organization", errors);
            var signer = JsonBody.Child(root, "signer", "signer", errors);
            var person = JsonBody.Child(root, "person", "person", errors);
            var referrer = JsonBody.Child(root, "referrer_data", "referrer_data", errors);

            bool? listPublicly = null;
            if (root.TryGetProperty("list_publicly", out var consent) && consent.ValueKind != JsonValueKind.Null)
            {
                if (consent.ValueKind is JsonValueKind.True or JsonValueKind.False) listPublicly = consent.GetBoolean();
                else errors.Add(names.ListPublicly, EndorsementMessages.YesOrNo);
            }

            var submission = new EndorsementSubmission
            {
                Names = names,
                Type = JsonBody.Text(root, "type", names.Type, errors),
                OrganizationName = JsonBody.Text(organization, "name", names.OrganizationName, errors),
                Website = JsonBody.Text(organization, "website", names.Website, errors),
                Scope = JsonBody.Text(organization, "scope", names.Scope, errors),
                OrganizationLocality = JsonBody.Text(organization, "locality", names.OrganizationLocality, errors),
                OrganizationRegion = JsonBody.Text(organization, "region", names.OrganizationRegion, errors),
                LegalStatus = JsonBody.Text(organization, "legal_status", names.LegalStatus, errors),
                LogoUrl = JsonBody.Text(organization, "logo_url", names.LogoUrl, errors),
                SignerName = JsonBody.Text(signer, "name", names.SignerName, errors),
                SignerTitle = JsonBody.Text(signer, "title", names.SignerTitle, errors),
                SignerEmail = JsonBody.Text(signer, "email", names.SignerEmail, errors),
                SignerPhone = JsonBody.Text(signer, "phone", names.SignerPhone, errors),
                PersonName = JsonBody.Text(person, "name", names.PersonName, errors),
                PersonTitle = JsonBody.Text(person, "title", names.PersonTitle, errors),
                PersonAffiliation = JsonBody.Text(person, "affiliation", names.PersonAffiliation, errors),
                PersonLocality = JsonBody.Text(person, "locality", names.PersonLocality, errors),
                PersonEmail = JsonBody.Text(person, "email", names.PersonEmail, errors),
                ListPublicly = listPublicly,
                Language = JsonBody.Text(root, "language", names.Language, errors),
                Source = JsonBody.Text(referrer, "source", names.Source, errors),
                Honeypot = SubmissionGuard.HoneypotOf(root),
                // JSON clients are answered with JSON; a return URL means nothing to them.
            };
            // "type" may be left out: a body with only a person is an individual's.
            if (submission.Type is null && organization is null && person is not null) submission = submission with { Type = "individual" };
            return new ParsedEndorsement(submission, errors, Malformed: false);
        }
    }
}
