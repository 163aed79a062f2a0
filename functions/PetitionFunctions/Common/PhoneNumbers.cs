using System.Text;
using System.Text.RegularExpressions;

namespace PetitionFunctions.Common;

/// <summary>
/// Phone numbers as people type them ("+1 (718) 555-0134"), and the one canonical form they are matched
/// on: the digits only, with a leading "+" (or the "00" international prefix, read as "+") kept. No
/// country is guessed: "+1 718 555 0134" and "718 555 0134" are different numbers to a match.
/// </summary>
public static partial class PhoneNumbers
{
    public const int MaxLength = 32;

    /// <summary>7 to 15 digits (E.164 allows 15), with only + ( ) - . and spaces around them, and at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsValid(string text)
    {
        var digits = text.Count(char.IsAsciiDigit);
        return text.Length <= MaxLength && Pattern().IsMatch(text) && digits is >= 7 and <= 15;
    }

    public static string Canonical(string text)
    {
        var trimmed = text.Trim();
        var digits = new StringBuilder();
        foreach (var c in trimmed)
            if (char.IsAsciiDigit(c)) digits.Append(c);
        var canonical = digits.ToString();
        if (trimmed.StartsWith('+')) return "+" + canonical;
        return canonical.StartsWith("00", StringComparison.Ordinal) ? "+" + canonical[2..] : canonical;
    }

    [GeneratedRegex(@"^\+?[0-9 ().-]+$")]
    private static partial Regex Pattern();
}
