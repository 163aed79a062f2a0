using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using PetitionFunctions.Common;

namespace PetitionFunctions.Intake;

/// <summary>The outcome of reading a body: a submission, field errors in its structure, or a body that is not JSON at all.</summary>
public sealed record ParsedSignature(SignatureSubmission? Submission, FieldErrors Errors, bool Malformed);

/// <summary>Turns an OSDI JSON body or a form post into a <see cref="SignatureSubmission"/>, without judging the values.</summary>
public static class SignatureParser
{
    public static ParsedSignature Parse(RequestBody body) =>
        body.Format == BodyFormat.Json ? ParseOsdi(body.Text) : ParseForm(body.Text);

    private static ParsedSignature ParseForm(string text)
    {
        var names = SignatureFieldNames.Form;
        var fields = QueryHelpers.ParseQuery(text);
        var errors = new FieldErrors();
        string? Field(string name)
        {
            if (!fields.TryGetValue(name, out var values)) return null;
            if (values.Count > 1) errors.Add(name, FieldMessages.Repeated);
            return values[0];
        }

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
        };
        return new ParsedSignature(submission, errors, Malformed: false);
    }

    private static ParsedSignature ParseOsdi(string text)
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
            return new ParsedSignature(null, errors, Malformed: true);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", FieldMessages.NotAnObject);
                return new ParsedSignature(null, errors, Malformed: true);
            }

            var names = SignatureFieldNames.Osdi;
            var person = Child(root, "person", "person", errors);
            var email = FirstOf(person, "email_addresses", "person.email_addresses", errors);
            var postal = FirstOf(person, "postal_addresses", "person.postal_addresses", errors);
            var referrer = Child(root, "referrer_data", "referrer_data", errors);

            var submission = new SignatureSubmission
            {
                Names = names,
                GivenName = Text(person, "given_name", names.GivenName, errors),
                FamilyName = Text(person, "family_name", names.FamilyName, errors),
                Email = Text(email, "address", names.Email, errors),
                PostalCode = Text(postal, "postal_code", names.PostalCode, errors),
                Locality = Text(postal, "locality", names.Locality, errors),
                Region = Text(postal, "region", names.Region, errors),
                Comments = Text(root, "comments", names.Comments, errors),
                Language = Text(person, "preferred_language", names.Language, errors),
                Source = Text(referrer, "source", names.Source, errors),
            };
            return new ParsedSignature(submission, errors, Malformed: false);
        }
    }

    private static JsonElement? Child(JsonElement? parent, string name, string path, FieldErrors errors)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var child) || child.ValueKind == JsonValueKind.Null) return null;
        if (child.ValueKind == JsonValueKind.Object) return child;
        errors.Add(path, FieldMessages.NotAnObject);
        return null;
    }

    /// <summary>The entry marked <c>primary</c> in an OSDI list, or its first entry.</summary>
    private static JsonElement? FirstOf(JsonElement? parent, string name, string path, FieldErrors errors)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null) return null;
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, FieldMessages.NotAList);
            return null;
        }
        var entries = list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
        return entries.FirstOrDefault(e => e.TryGetProperty("primary", out var primary) && primary.ValueKind == JsonValueKind.True) is { ValueKind: JsonValueKind.Object } chosen
            ? chosen
            : entries.Count > 0 ? entries[0] : null;
    }

    private static string? Text(JsonElement? parent, string name, string path, FieldErrors errors)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(path, FieldMessages.NotText);
        return null;
    }
}
