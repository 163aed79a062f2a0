using System.Text.Json;
using PetitionFunctions.Common;

namespace PetitionFunctions.Intake;

/// <summary>
/// The OSDI identifiers a partner's system gave a signature or a person ("action_network:3f1…"), kept so
/// the partner can match our records to theirs. Liberal: anything that is not a "system:id" string is
/// left out, never an error. Our own prefix is ours to mint, so a client cannot claim it.
/// </summary>
public static class ForeignIdentifiers
{
    public const int MaxCount = 10;
    public const int MaxLength = 200;

    public static IReadOnlyList<string> From(JsonElement? parent)
    {
        if (parent is not { } p || !p.TryGetProperty("identifiers", out var list) || list.ValueKind != JsonValueKind.Array) return [];
        return list.EnumerateArray()
            .Where(entry => entry.ValueKind == JsonValueKind.String)
            .Select(entry => entry.GetString()!.Trim())
            .Where(IsForeign)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxCount)
            .ToList();
    }

    private static bool IsForeign(string identifier)
    {
        var colon = identifier.IndexOf(':');
        return colon > 0 && colon < identifier.Length - 1 && identifier.Length <= MaxLength
            && !identifier.StartsWith(HalJson.VendorPrefix, StringComparison.OrdinalIgnoreCase)
            && !identifier.Any(char.IsControl)
            && identifier[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
    }
}
