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
        ? HtmlPages.Message(200, language, "Respaldo confirmado",
            $"Gracias. Su respaldo a «{campaign.Title.Es}» está confirmado. Nuestro equipo lo revisará antes de publicarlo y de entregar la carta. Puede cerrar esta página.")
        : HtmlPages.Message(200, language, "Endorsement confirmed",
            $"Thank you. Your endorsement of \"{campaign.Title.En}\" is confirmed. Our team will review it before it is listed and the letter is delivered. You can close this page.");

    public static IActionResult Expired(Language language) => language == Language.Es
        ? HtmlPages.Message(410, language, "Este enlace venció",
            "Los enlaces de confirmación valen 30 días. Envíe el respaldo de nuevo en la página de la carta o escríbanos.")
        : HtmlPages.Message(410, language, "This link has expired",
            "Confirmation links work for 30 days. Send the endorsement again on the letter's page, or write to us.");

    /// <summary>The same page for a tampered, truncated or unknown link: it tells nothing about why.</summary>
    public static IActionResult NotValid(Language language) => language == Language.Es
        ? HtmlPages.Message(400, language, "Este enlace no es válido", "Revise que copió el enlace completo del correo.")
        : HtmlPages.Message(400, language, "This link is not valid", "Check that you copied the whole link from the email.");

    public static IActionResult TryAgainLater(Language language) => language == Language.Es
        ? HtmlPages.Message(503, language, "Inténtelo de nuevo en un momento", "No pudimos confirmar su respaldo ahora. Abra el enlace otra vez en unos minutos.")
        : HtmlPages.Message(503, language, "Please try again in a moment", "We could not confirm your endorsement just now. Open the link again in a few minutes.");
}
