using PetitionFunctions.Common;

namespace PetitionFunctions.Api;

/// <summary>The catalogue of the fallback answers' words, English beside Spanish.</summary>
public static class ApiMessages
{
    public static LocalizedText Allowed(string methods) => new(
        $"This address takes {methods}.",
        $"Esta dirección acepta {methods}.");
}
