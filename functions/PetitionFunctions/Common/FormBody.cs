using Microsoft.AspNetCore.WebUtilities;

namespace PetitionFunctions.Common;

/// <summary>
/// A URL-encoded form body read field by field. A field sent twice is an error on that field (which
/// one the person meant is unknown); a field not sent reads as null.
/// </summary>
public sealed class FormBody(string text, FieldErrors errors)
{
    private readonly Dictionary<string, Microsoft.Extensions.Primitives.StringValues> _fields = QueryHelpers.ParseQuery(text);

    public string? this[string name]
    {
        get
        {
            if (!_fields.TryGetValue(name, out var values)) return null;
            if (values.Count > 1) errors.Add(name, FieldMessages.Repeated);
            return values[0];
        }
    }
}
