using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Stories;

public abstract record WithdrawOutcome(Language Language)
{
    /// <summary>The link is genuine and the story is still held: the page asks "withdraw it?".</summary>
    public sealed record Held(Language Language) : WithdrawOutcome(Language);

    /// <summary>The story is gone: withdrawn now, withdrawn before, or deleted by retention. The same page every time.</summary>
    public sealed record Withdrawn(Language Language) : WithdrawOutcome(Language);

    public sealed record NotValid(Language Language) : WithdrawOutcome(Language);

    public sealed record Unavailable(Language Language) : WithdrawOutcome(Language);
}

/// <summary>
/// The withdraw link of a story's receipt email (signed, purpose "withdraw-story"). Opening it (GET)
/// changes nothing: mail scanners open links before people do, and a scanner must not delete a story.
/// The page it shows has one button, which posts to the same address and deletes the story for good.
/// Both are idempotent: once the story is gone every open and every post shows "withdrawn". A
/// writer's right to withdraw does not lapse, so the token's expiry is not enforced.
/// </summary>
public sealed class StoryWithdrawal(LinkTokens tokens, StoryTable stories, StoryReads reads, ILogger<StoryWithdrawal> log)
{
    public async Task<WithdrawOutcome> CheckAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        await RunAsync(token, browserLanguage, withdraw: false, cancellationToken);

    public async Task<WithdrawOutcome> WithdrawAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        await RunAsync(token, browserLanguage, withdraw: true, cancellationToken);

    private async Task<WithdrawOutcome> RunAsync(string token, Language browserLanguage, bool withdraw, CancellationToken cancellationToken)
    {
        if (tokens.Read(StoryEmailSender.WithdrawPurpose, token) is not { } claims) return new WithdrawOutcome.NotValid(browserLanguage);
        try
        {
            var story = await stories.FindAsync(claims.Campaign, claims.SignatureKey, cancellationToken);
            if (story is null) return new WithdrawOutcome.Withdrawn(browserLanguage);
            if (!withdraw) return new WithdrawOutcome.Held(story.Language);

            await stories.DeleteAsync(story.Campaign, story.Id, cancellationToken);
            reads.Forget(story.Campaign);
            log.LogInformation("Story {Story} on {Campaign} was withdrawn by its writer and deleted.", story.Id, story.Campaign);
            return new WithdrawOutcome.Withdrawn(story.Language);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while withdrawing a story on {Campaign} ({Failure}).", claims.Campaign, e.GetType().Name);
            return new WithdrawOutcome.Unavailable(browserLanguage);
        }
    }
}

/// <summary>The withdraw pages: self-contained HTML in the writer's language, never cached, indexed or sending a Referer.</summary>
public static class StoryPages
{
    /// <param name="path">The link's path: the page's button posts back to it, with the page's language.</param>
    public static IActionResult For(WithdrawOutcome outcome, string path) => Render(outcome, $"{path}?lang={outcome.Language.Code()}");

    private static IActionResult Render(WithdrawOutcome outcome, string formAction) => outcome switch
    {
        WithdrawOutcome.Held { Language: Language.Es } => Page(200, Language.Es, "¿Retirar su historia?",
            "Si la retira, la borraremos por completo: no se publicará ni se entregará, y no podremos recuperarla.",
            formAction, "Sí, retirar y borrar mi historia"),
        WithdrawOutcome.Held => Page(200, Language.En, "Withdraw your story?",
            "If you withdraw it, we will delete it completely: it will not be published or delivered, and it cannot be recovered.",
            formAction, "Yes, withdraw and delete my story"),
        WithdrawOutcome.Withdrawn { Language: Language.Es } => Page(200, Language.Es, "Su historia fue retirada",
            "Ya no guardamos su historia. Gracias por habernos confiado su experiencia. Puede cerrar esta página."),
        WithdrawOutcome.Withdrawn => Page(200, Language.En, "Your story has been withdrawn",
            "We no longer hold your story. Thank you for having trusted us with it. You can close this page."),
        WithdrawOutcome.Unavailable { Language: Language.Es } => Page(503, Language.Es, "Inténtelo de nuevo en un momento",
            "No pudimos completar esto ahora. Abra el enlace otra vez en unos minutos."),
        WithdrawOutcome.Unavailable => Page(503, Language.En, "Please try again in a moment",
            "We could not do this just now. Open the link again in a few minutes."),
        { Language: Language.Es } => Page(400, Language.Es, "Este enlace no es válido",
            "Revise que copió el enlace completo del correo. Si el problema continúa, escriba a los organizadores de la campaña."),
        _ => Page(400, Language.En, "This link is not valid",
            "Check that you copied the whole link from the email. If it still does not work, write to the campaign's organisers."),
    };

    private static IActionResult Page(int status, Language language, string heading, string text, string? formAction = null, string? button = null) =>
        new PageResult(status,
            $"<!DOCTYPE html><html lang=\"{language.Code()}\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">" +
            $"<title>{Html.Encode(heading)}</title></head>" +
            "<body style=\"font-family:Arial,Helvetica,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#222\">" +
            $"<h1 style=\"font-size:1.5em\">{Html.Encode(heading)}</h1><p>{Html.Encode(text)}</p>" +
            (formAction is null ? "" :
                $"<form method=\"post\" action=\"{Html.Encode(formAction)}\"><button type=\"submit\" " +
                $"style=\"padding:12px 20px;background:#5f1a1a;color:#fff;border:0;border-radius:4px;font-size:1em\">{Html.Encode(button!)}</button></form>") +
            "</body></html>");

    private sealed class PageResult(int status, string html) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["X-Robots-Tag"] = "noindex";
            response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
            await response.WriteAsync(html);
        }
    }
}
