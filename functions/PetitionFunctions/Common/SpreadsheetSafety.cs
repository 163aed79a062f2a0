namespace PetitionFunctions.Common;

/// <summary>
/// Text that signers type ends up in spreadsheets the target's office opens. A cell that starts with
/// one of these characters is run as a formula, so such text is stored with a leading apostrophe,
/// which spreadsheets treat as "this is text" and do not display.
/// </summary>
public static class SpreadsheetSafety
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralize(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;
}
