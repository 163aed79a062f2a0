using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>The outcome of reading a body: a submission, field errors in its structure, or a body that is not JSON at all.</summary>
public sealed record ParsedEndorsement(EndorsementSubmission? Submission, FieldErrors Errors, bool Malformed);

/// <summary>Turns a JSON body or a form post into an <see cref="EndorsementSubmission"/>, without judging the values.</summary>
public static class EndorsementParser
{
    public static ParsedEndorsement Parse(RequestBody body) =>
        body.Format == BodyFormat.Json ? ParseJson(body.Text) : ParseForm(body.Text);

    private static ParsedEndorsement ParseForm(string text)
    {
        var names = EndorsementFieldNames.Form;
        var fields = QueryHelpers.ParseQuery(text);
        var errors = new FieldErrors();
        string? Field(string name)
        {
            if (!fields.TryGetValue(name, out var values)) return null;
            if (values.Count > 1) errors.Add(name, FieldMessages.Repeated);
            return values[0];
        }

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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            errors.Add("body", FieldMessages.MalformedJson);
            return new ParsedEndorsement(null, errors, Malformed: true);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", FieldMessages.NotAnObject);
                return new ParsedEndorsement(null, errors, Malformed: true);
            }

            var names = EndorsementFieldNames.Json;
            var organization = Child(root, "organization", errors);
            var signer = Child(root, "signer", errors);
            var person = Child(root, "person", errors);
            var referrer = Child(root, "referrer_data", errors);

            bool? listPublicly = null;
            if (root.TryGetProperty("list_publicly", out var consent) && consent.ValueKind != JsonValueKind.Null)
            {
                if (consent.ValueKind is JsonValueKind.True or JsonValueKind.False) listPublicly = consent.GetBoolean();
                else errors.Add(names.ListPublicly, EndorsementMessages.YesOrNo);
            }

            var submission = new EndorsementSubmission
            {
                Names = names,
                Type = Text(root, "type", names.Type, errors),
                OrganizationName = Text(organization, "name", names.OrganizationName, errors),
                Website = Text(organization, "website", names.Website, errors),
                Scope = Text(organization, "scope", names.Scope, errors),
                OrganizationLocality = Text(organization, "locality", names.OrganizationLocality, errors),
                OrganizationRegion = Text(organization, "region", names.OrganizationRegion, errors),
                LegalStatus = Text(organization, "legal_status", names.LegalStatus, errors),
                LogoUrl = Text(organization, "logo_url", names.LogoUrl, errors),
                SignerName = Text(signer, "name", names.SignerName, errors),
                SignerTitle = Text(signer, "title", names.SignerTitle, errors),
                SignerEmail = Text(signer, "email", names.SignerEmail, errors),
                SignerPhone = Text(signer, "phone", names.SignerPhone, errors),
                PersonName = Text(person, "name", names.PersonName, errors),
                PersonTitle = Text(person, "title", names.PersonTitle, errors),
                PersonAffiliation = Text(person, "affiliation", names.PersonAffiliation, errors),
                PersonLocality = Text(person, "locality", names.PersonLocality, errors),
                PersonEmail = Text(person, "email", names.PersonEmail, errors),
                ListPublicly = listPublicly,
                Language = Text(root, "language", names.Language, errors),
                Source = Text(referrer, "source", names.Source, errors),
                // JSON clients are answered with JSON; a return URL means nothing to them.
            };
            // "type" may be left out: a body with only a person is an individual's.
            if (submission.Type is null && organization is null && person is not null) submission = submission with { Type = "individual" };
            return new ParsedEndorsement(submission, errors, Malformed: false);
        }
    }

    private static JsonElement? Child(JsonElement parent, string name, FieldErrors errors)
    {
        if (!parent.TryGetProperty(name, out var child) || child.ValueKind == JsonValueKind.Null) return null;
        if (child.ValueKind == JsonValueKind.Object) return child;
        errors.Add(name, FieldMessages.NotAnObject);
        return null;
    }

    private static string? Text(JsonElement? parent, string name, string path, FieldErrors errors)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(path, FieldMessages.NotText);
        return null;
    }
}
