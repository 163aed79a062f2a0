using System.Text.Json;

namespace PetitionFunctions.Common;

/// <summary>
/// Reading a JSON request body field by field, collecting a problem per field instead of throwing:
/// a wrong type is the sender's mistake, worth one clear entry, never a 500.
/// </summary>
public static class JsonBody
{
    /// <summary>
    /// Parses a request's JSON strictly, or null when it is not valid: nested deeper than
    /// <paramref name="maxDepth"/>, a name given twice in one object (which value was meant is unknown),
    /// or a string with a surrogate escape that has no pair (I-JSON, RFC 7493, forbids them: no reader can
    /// turn one into text). Every JSON body the app reads goes through here.
    /// </summary>
    public static JsonDocument? Parse(string text, int maxDepth = 16)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The duplicate-name check unescapes names, and throws InvalidOperationException on a broken surrogate.
            return null;
        }
        if (HasOnlyValidStrings(document.RootElement)) return document;
        document.Dispose();
        return null;
    }

    private static bool HasOnlyValidStrings(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return IsWellFormed(element.GetString()!);
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                        if (!IsWellFormed(property.Name) || !HasOnlyValidStrings(property.Value)) return false;
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                        if (!HasOnlyValidStrings(item)) return false;
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    /// <summary>The body as one JSON object, or null with a "body" error when it is not JSON or not an object.</summary>
    public static JsonDocument? ParseObject(string text, FieldErrors errors)
    {
        if (Parse(text) is not { } document)
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

    /// <summary>
    /// The entry marked <c>primary</c> in an OSDI list, or its first object entry, with its index in the list
    /// (so an error can point at <c>email_addresses[1]</c>); index 0 and no entry when there is none.
    /// </summary>
    public static (JsonElement? Entry, int Index) FirstOf(JsonElement? parent, string name, string path, FieldErrors errors)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null) return (null, 0);
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, FieldMessages.NotAList);
            return (null, 0);
        }
        var entries = list.EnumerateArray().Select((entry, index) => (Entry: entry, Index: index)).Where(e => e.Entry.ValueKind == JsonValueKind.Object).ToList();
        var chosen = entries.FirstOrDefault(e => e.Entry.TryGetProperty("primary", out var primary) && primary.ValueKind == JsonValueKind.True);
        if (chosen.Entry.ValueKind == JsonValueKind.Object) return (chosen.Entry, chosen.Index);
        return entries.Count > 0 ? (entries[0].Entry, entries[0].Index) : (null, 0);
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
