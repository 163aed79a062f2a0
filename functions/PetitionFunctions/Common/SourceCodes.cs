using System.Globalization;
using System.Text;

namespace PetitionFunctions.Common;

/// <summary>
/// A partner's source (tracking) code as stored and counted: whatever a partner's tool sends is folded into
/// the alphabet <c>a-z 0-9 . _ -</c>, never refused (docs/api.md, "Partner source codes"). Lower-cased;
/// accents folded (<c>é</c> → <c>e</c>); every run of other characters (slashes, spaces, colons, control
/// characters, a hyphen next to them) becomes one <c>-</c>; <c>.</c>, <c>_</c> and <c>-</c> trimmed from both
/// ends; cut to <see cref="MaxLength"/>. A code with nothing left (<c>"///"</c>) is no code.
/// </summary>
public static class SourceCodes
{
    public const int MaxLength = 64;

    /// <summary>The stored code for <paramref name="raw"/>, or null when it has none: <c>email/2026-05 blast:es</c> → <c>email-2026-05-blast-es</c>.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        // Only what can survive is looked at: a hostile megabyte of text costs no more than a short code.
        // No surrogate (an emoji, or half of one after the cut) is in the alphabet: a space now, a '-' below.
        var head = raw.Length > 4 * MaxLength ? raw[..(4 * MaxLength)] : raw;
        var decomposed = string.Create(head.Length, head, (span, text) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = char.IsSurrogate(text[i]) ? ' ' : text[i];
        }).Normalize(NormalizationForm.FormKD);
        var code = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_')
            {
                if (pendingDash && code.Length > 0) code.Append('-');
                pendingDash = false;
                code.Append(lower);
            }
            else
            {
                pendingDash = true;
            }
        }
        var text = code.ToString().Trim('.', '_', '-');
        if (text.Length > MaxLength) text = text[..MaxLength].TrimEnd('.', '_', '-');
        return text.Length == 0 ? null : text;
    }
}
