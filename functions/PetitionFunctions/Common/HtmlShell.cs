namespace PetitionFunctions.Common;

/// <summary>
/// What differs between the app's HTML documents: the extra head elements and the body's inline style.
/// Styles are inline attributes (no &lt;style&gt; element, no external sheet), which is what the pages'
/// Content-Security-Policy (<c>style-src 'unsafe-inline'</c>) and mail clients allow.
/// </summary>
public sealed record HtmlShell(string Head, string BodyStyle)
{
    /// <summary>The small pages links in emails open: phone-sized, never indexed.</summary>
    public static readonly HtmlShell Page = new(
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">",
        "font-family:Arial,Helvetica,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#222");

    /// <summary>The emails to signers, endorsers and story writers: phone-sized in the mail apps that read the viewport.</summary>
    public static readonly HtmlShell Email = new(
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">",
        "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:560px");

    /// <summary>The delivery email to a target's office, which carries a table of figures.</summary>
    public static readonly HtmlShell WideEmail = Email with
    {
        BodyStyle = "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:640px",
    };
}
