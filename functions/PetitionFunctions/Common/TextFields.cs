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
        return trimmed.Length == 0 ? null : trimmed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>One line (a name, a place): no control characters, at most <paramref name="maxLength"/>, runs of white space made one space.</summary>
    public static string? Line(string? value, string field, bool required, int maxLength, FieldErrors errors)
    {
        var text = Tidy(value);
        if (text is null)
        {
            if (required) errors.Add(field, FieldMessages.Required);
            return null;
        }
        if (text.Any(char.IsControl)) errors.Add(field, FieldMessages.ControlCharacters);
        else if (text.Length > maxLength) errors.Add(field, l => FieldMessages.TooLong(l, maxLength));
        return CollapseWhitespace(text);
    }

    /// <summary>Free text over several lines (a comment): line breaks and tabs allowed, other control characters not.</summary>
    public static string? Paragraph(string? value, string field, int maxLength, FieldErrors errors)
    {
        var text = Tidy(value);
        if (text is null) return null;
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors.Add(field, FieldMessages.ControlCharacters);
        else if (text.Length > maxLength) errors.Add(field, l => FieldMessages.TooLong(l, maxLength));
        return text;
    }

    public static string CollapseWhitespace(string text) => WhitespaceRun().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
