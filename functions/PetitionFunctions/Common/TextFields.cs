using System.Text;
using System.Text.RegularExpressions;

namespace PetitionFunctions.Common;

/// <summary>How every stage reads what people type: tidied, checked, one problem per field.</summary>
public static partial class TextFields
{
    /// <summary>Trimmed, Unicode-normalised text, or null when nothing was typed.</summary>
    public static string? Tidy(string? value)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        if (trimmed.Length == 0) return null;
        try
        {
            return trimmed.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A surrogate without its pair cannot be normalised; HasForbiddenCharacters refuses it.
            return trimmed;
        }
    }

    /// <summary>One line (a name, a place): at least one letter or digit, no control characters, at most <paramref name="maxLength"/>, runs of white space made one space.</summary>
    public static string? Line(string? value, string field, bool required, int maxLength, FieldErrors errors)
    {
        var text = Tidy(value);
        if (text is null)
        {
            if (required) errors.Add(field, FieldMessages.Required);
            return null;
        }
        if (HasForbiddenCharacters(text, allowLineBreaks: false)) errors.Add(field, FieldMessages.ControlCharacters);
        else if (text.Length > maxLength) errors.Add(field, FieldMessages.TooLong(maxLength));
        // Fifty zero-width spaces are not a name: a line must show at least one letter or digit.
        else if (!text.Any(char.IsLetterOrDigit)) errors.Add(field, FieldMessages.NothingVisible);
        return CollapseWhitespace(text);
    }

    /// <summary>Free text over several lines (a comment): line breaks and tabs allowed, other control characters not.</summary>
    public static string? Paragraph(string? value, string field, int maxLength, FieldErrors errors)
    {
        var text = Tidy(value);
        if (text is null) return null;
        if (HasForbiddenCharacters(text, allowLineBreaks: true)) errors.Add(field, FieldMessages.ControlCharacters);
        else if (text.Length > maxLength) errors.Add(field, FieldMessages.TooLong(maxLength));
        return text;
    }

    /// <summary>
    /// Whether typed text holds a character no field takes (refused, never silently stripped): C0 and C1
    /// control characters and DEL (line feed, carriage return and tab only where
    /// <paramref name="allowLineBreaks"/>); the bidi embeddings, overrides and isolates U+202A–U+202E and
    /// U+2066–U+2069, which make text display in another order than it is stored (a name that reads
    /// backwards in the target's spreadsheet); U+FEFF, a byte-order mark inside text; and a surrogate
    /// without its pair, which is no character at all. The marks U+200E, U+200F and U+061C stay allowed:
    /// right-to-left writers use them and they reorder nothing but neutral characters.
    /// </summary>
    public static bool HasForbiddenCharacters(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')) return true;
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFEFF') return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return true;
        }
        return false;
    }

    public static string CollapseWhitespace(string text) => WhitespaceRun().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
