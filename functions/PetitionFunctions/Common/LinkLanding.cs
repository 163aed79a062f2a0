using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PetitionFunctions.Common;

/// <summary>
/// The page an emailed link opens. The link carries its token in the URL fragment
/// (<c>…/api/confirm#{token}</c>), which browsers never send, so no request path, log or telemetry of the
/// host ever holds it. The page's one small script reads the fragment, takes it out of the address bar and
/// puts it in the page's form; a confirm page then submits itself (one click from the email, as before),
/// a withdraw page waits for its button. With JavaScript off, the form asks for the link itself, pasted
/// from the email, and <see cref="TokenFrom"/> finds the token in it.
/// </summary>
public static class LinkLanding
{
    /// <summary>The form field the token (or a pasted link) comes in.</summary>
    public const string Field = "link";

    private const string Script =
        "(function(){var t=location.hash.slice(1);if(!t)return;var f=document.getElementById('link-form');" +
        "f.elements.link.value=decodeURIComponent(t);document.getElementById('paste').hidden=true;" +
        "history.replaceState(null,'',location.pathname+location.search);" +
        "if(f.getAttribute('data-submit')==='auto')f.submit();})();";

    /// <summary>The Content-Security-Policy source that allows exactly <see cref="Script"/> and nothing else.</summary>
    public static readonly string ScriptSource = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)))}'";

    /// <param name="submitsItself">A confirm link: the page posts as soon as it has the token. A withdraw link waits for the button.</param>
    public static IActionResult Page(Language language, LocalizedText heading, LocalizedText text, LocalizedText button, string buttonColour, bool submitsItself)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(button);
        return HtmlPages.Page(200, language, heading.In(language),
            $"<h1 style=\"font-size:1.5em\">{Html.Encode(heading.In(language))}</h1>{HtmlLayout.Paragraph(text.In(language))}" +
            $"<form id=\"link-form\" method=\"post\"{(submitsItself ? " data-submit=\"auto\"" : "")}>" +
            $"<p id=\"paste\"><label for=\"link\">{Html.Encode(LinkPageMessages.PasteLabel.In(language))}</label><br>" +
            "<input id=\"link\" name=\"link\" type=\"text\" autocomplete=\"off\" required style=\"width:100%;padding:8px;font-size:1em;box-sizing:border-box\"></p>" +
            $"<button type=\"submit\" style=\"padding:12px 20px;background:{buttonColour};color:#fff;border:0;border-radius:4px;font-size:1em\">{Html.Encode(button.In(language))}</button>" +
            $"</form><script>{Script}</script>",
            ScriptSource);
    }

    /// <summary>The token a page's form sent, or null: none sent, more than one, or a body that is not a small form.</summary>
    public static async Task<string?> TokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, _) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is not { Format: BodyFormat.Form }) return null;
        var errors = new FieldErrors();
        var sent = new FormBody(body.Text, errors)[Field];
        return errors.IsEmpty ? TokenFrom(sent) : null;
    }

    /// <summary>
    /// The token in what the form sent: the token itself (the script's), or a whole link pasted from the
    /// email, in the fragment form or the older path form (<c>…/confirm/{token}?lang=es</c>).
    /// </summary>
    public static string? TokenFrom(string? sent)
    {
        var text = sent?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) return NullIfEmpty(Uri.UnescapeDataString(text[(hash + 1)..]).Trim());
        if (!text.Contains('/', StringComparison.Ordinal)) return text;
        var path = text.Split('?')[0].TrimEnd('/');
        return NullIfEmpty(path[(path.LastIndexOf('/') + 1)..]);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
