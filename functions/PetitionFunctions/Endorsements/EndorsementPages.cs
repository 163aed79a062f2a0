using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The pages an endorsement's confirm link opens: the same small, self-contained, never cached, never
/// indexed HTML as the signature confirm pages, worded for endorsements.
/// </summary>
public static class EndorsementPages
{
    public static IActionResult Confirmed(Campaign campaign, Language language) => language == Language.Es
        ? Page(200, language, "Respaldo confirmado",
            $"Gracias. Su respaldo a «{campaign.Title.Es}» está confirmado. Nuestro equipo lo revisará antes de publicarlo y de entregar la carta. Puede cerrar esta página.")
        : Page(200, language, "Endorsement confirmed",
            $"Thank you. Your endorsement of \"{campaign.Title.En}\" is confirmed. Our team will review it before it is listed and the letter is delivered. You can close this page.");

    public static IActionResult Expired(Language language) => language == Language.Es
        ? Page(410, language, "Este enlace venció",
            "Los enlaces de confirmación valen 30 días. Envíe el respaldo de nuevo en la página de la carta o escríbanos.")
        : Page(410, language, "This link has expired",
            "Confirmation links work for 30 days. Send the endorsement again on the letter's page, or write to us.");

    /// <summary>The same page for a tampered, truncated or unknown link: it tells nothing about why.</summary>
    public static IActionResult NotValid(Language language) => language == Language.Es
        ? Page(400, language, "Este enlace no es válido", "Revise que copió el enlace completo del correo.")
        : Page(400, language, "This link is not valid", "Check that you copied the whole link from the email.");

    public static IActionResult TryAgainLater(Language language) => language == Language.Es
        ? Page(503, language, "Inténtelo de nuevo en un momento", "No pudimos confirmar su respaldo ahora. Abra el enlace otra vez en unos minutos.")
        : Page(503, language, "Please try again in a moment", "We could not confirm your endorsement just now. Open the link again in a few minutes.");

    private static IActionResult Page(int status, Language language, string heading, string text) =>
        new PageResult(status,
            $"<!DOCTYPE html><html lang=\"{language.Code()}\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">" +
            $"<title>{Html.Encode(heading)}</title></head>" +
            "<body style=\"font-family:Arial,Helvetica,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#222\">" +
            $"<h1 style=\"font-size:1.5em\">{Html.Encode(heading)}</h1><p>{Html.Encode(text)}</p></body></html>");

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
            response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
            await response.WriteAsync(html);
        }
    }
}
