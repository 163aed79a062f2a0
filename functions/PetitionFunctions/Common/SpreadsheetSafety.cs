using System.Globalization;
using System.Text;

namespace PetitionFunctions.Common;

/// <summary>
/// Text that signers type ends up in spreadsheets the target's office opens. A cell that starts with
/// one of these characters is run as a formula, so such text is stored with a leading apostrophe,
/// which spreadsheets treat as "this is text" and do not display. Invisible format characters
/// (U+200B, U+FEFF…) in front do not hide a formula, nor do full-width forms ("＝1+1"), which some
/// spreadsheets fold to their ASCII twins.
/// </summary>
public static class SpreadsheetSafety
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralize(string text) => StartsLikeFormula(text) ? "'" + text : text;

    private static bool StartsLikeFormula(string text)
    {
        foreach (var c in text)
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Format) continue;
            return !char.IsSurrogate(c) && Array.IndexOf(FormulaStarts, c.ToString().Normalize(NormalizationForm.FormKC)[0]) >= 0;
        }
        return false;
    }
}
