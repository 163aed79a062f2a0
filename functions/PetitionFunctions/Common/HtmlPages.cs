using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PetitionFunctions.Common;

/// <summary>
/// The small pages links in emails open (confirm, withdraw): self-contained HTML in the reader's
/// language, never cached, never indexed, never framed, sending no Referer that would carry the token
/// elsewhere, and loading nothing.
/// </summary>
public static class HtmlPages
{
    public static IActionResult Message(int status, Language language, string heading, string text, PageButton? button = null) =>
        Page(status, language, heading,
            $"<h1 style=\"font-size:1.5em\">{Html.Encode(heading)}</h1>{HtmlLayout.Paragraph(text)}" +
            (button is null ? "" :
                $"<form method=\"post\" action=\"{Html.Encode(button.FormAction)}\"><button type=\"submit\" " +
                $"style=\"padding:12px 20px;background:{HtmlLayout.WithdrawColour};color:#fff;border:0;border-radius:4px;font-size:1em\">{Html.Encode(button.Label)}</button></form>"));

    /// <param name="scriptSource">The one inline script the page may run, as a CSP hash source; none when null.</param>
    public static IActionResult Page(int status, Language language, string title, string bodyHtml, string? scriptSource = null) =>
        new PageResult(status, HtmlLayout.Document(language, title, bodyHtml, HtmlShell.Page), scriptSource);

    /// <summary>A page whose heading and text are catalogue entries, in the page's language.</summary>
    public static IActionResult Message(int status, Language language, LocalizedText heading, LocalizedText text, PageButton? button = null)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(text);
        return Message(status, language, heading.In(language), text.In(language), button);
    }

    private sealed class PageResult(int status, string html, string? scriptSource) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["X-Robots-Tag"] = "noindex";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Content-Security-Policy"] =
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" +
                (scriptSource is null ? "" : "; script-src " + scriptSource);
            await response.WriteAsync(html);
        }
    }
}
