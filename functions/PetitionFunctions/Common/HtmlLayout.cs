namespace PetitionFunctions.Common;

/// <summary>
/// The one layout every HTML page and email is rendered from: a complete document in one language,
/// its title encoded. Bodies are built from the pieces below, which encode every text they are given;
/// only a body already built from them (or from <see cref="Html.Encode"/>) may be passed in as markup.
/// </summary>
public static class HtmlLayout
{
    /// <summary>The colour of a button that confirms.</summary>
    public const string ConfirmColour = "#1a5f3f";

    /// <summary>The colour of a button that withdraws.</summary>
    public const string WithdrawColour = "#5f1a1a";

    public static string Document(Language language, string title, string bodyHtml, HtmlShell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        return $"<!DOCTYPE html><html lang=\"{language.Code()}\"><head><meta charset=\"utf-8\">{shell.Head}<title>{Html.Encode(title)}</title></head>" +
            $"<body style=\"{shell.BodyStyle}\">{bodyHtml}</body></html>";
    }

    public static string Paragraph(string text) => $"<p>{Html.Encode(text)}</p>";

    public static string Paragraphs(IEnumerable<string> texts) => string.Concat(texts.Select(Paragraph));

    /// <summary>Small grey print: a link written out, a footer. A long link breaks anywhere rather than widen a phone's screen.</summary>
    public static string SmallPrint(string text) => $"<p style=\"font-size:13px;color:#555;overflow-wrap:anywhere;word-break:break-word\">{Html.Encode(text)}</p>";

    /// <summary>An email's one call to action: a link drawn as a button.</summary>
    public static string ButtonLink(Uri link, string label, string colour)
    {
        ArgumentNullException.ThrowIfNull(link);
        return $"<p><a href=\"{Html.Encode(link.AbsoluteUri)}\" style=\"display:inline-block;padding:12px 20px;background:{colour};color:#ffffff;text-decoration:none;border-radius:4px\">{Html.Encode(label)}</a></p>";
    }
}
