using PetitionFunctions.Common;

namespace PetitionFunctions.Api;

/// <summary>The catalogue of the fallback answers' words, English beside Spanish.</summary>
public static class ApiMessages
{
    public static LocalizedText Allowed(IEnumerable<string> methods) => new(
        $"This address takes {string.Join(", ", methods)}.",
        $"Esta dirección acepta {string.Join(", ", methods)}.");
}
