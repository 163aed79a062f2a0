using System.Text.Json;

namespace PetitionFunctions.Common;

/// <summary>
/// Reading a JSON request body field by field, collecting a problem per field instead of throwing:
/// a wrong type is the sender's mistake, worth one clear entry, never a 500.
/// </summary>
public static class JsonBody
{
    /// <summary>The body as one JSON object, or null with a "body" error when it is not JSON or not an object.</summary>
    public static JsonDocument? ParseObject(string text, FieldErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            errors.Add("body", FieldMessages.MalformedJson);
            return null;
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        errors.Add("body", FieldMessages.NotAnObject);
        return null;
    }

    /// <summary>A nested object, or null when absent; an error at <paramref name="path"/> when it is not an object.</summary>
    public static JsonElement? Child(JsonElement? parent, string name, string path, FieldErrors errors)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var child) || child.ValueKind == JsonValueKind.Null) return null;
        if (child.ValueKind == JsonValueKind.Object) return child;
        errors.Add(path, FieldMessages.NotAnObject);
        return null;
    }

    /// <summary>The entry marked <c>primary</c> in an OSDI list, or its first entry.</summary>
    public static JsonElement? FirstOf(JsonElement? parent, string name, string path, FieldErrors errors)
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

    /// <summary>A string field, or null when absent; an error at <paramref name="path"/> when it is not text.</summary>
    public static string? Text(JsonElement? parent, string name, string path, FieldErrors errors)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(path, FieldMessages.NotText);
        return null;
    }
}
