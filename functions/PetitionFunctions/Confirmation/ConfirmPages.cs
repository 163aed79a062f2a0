using Microsoft.AspNetCore.Mvc;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// The pages a confirm link opens. Small, self-contained HTML in the signer's language; never cached,
/// never indexed, never sending a Referer that would carry the token elsewhere.
/// </summary>
public static class ConfirmPages
{
    public static IActionResult Confirmed(Campaign campaign, Language language) => language == Language.Es
        ? HtmlPages.Message(200, language, "Firma confirmada",
            $"Gracias. Su firma en «{campaign.Title.Es}» está confirmada y cuenta. Puede cerrar esta página.")
        : HtmlPages.Message(200, language, "Signature confirmed",
            $"Thank you. Your signature on \"{campaign.Title.En}\" is confirmed and counts. You can close this page.");

    public static IActionResult Expired(Language language) => language == Language.Es
        ? HtmlPages.Message(410, language, "Este enlace venció",
            "Los enlaces de confirmación valen 30 días. Firme de nuevo en la página de la campaña y le enviaremos un enlace nuevo.")
        : HtmlPages.Message(410, language, "This link has expired",
            "Confirmation links work for 30 days. Sign again on the campaign's page and we will send you a new link.");

    public static IActionResult Withdrawn(Language language) => language == Language.Es
        ? HtmlPages.Message(410, language, "Esta firma fue retirada",
            "Usted retiró esta firma, así que este enlace ya no la confirma. Si quiere apoyar la campaña otra vez, firme de nuevo en su página.")
        : HtmlPages.Message(410, language, "This signature was withdrawn",
            "You withdrew this signature, so this link no longer confirms it. To support the campaign again, sign again on its page.");

    /// <summary>The same page for a tampered, truncated or unknown link: it tells nothing about why.</summary>
    public static IActionResult NotValid(Language language) => language == Language.Es
        ? HtmlPages.Message(400, language, "Este enlace no es válido",
            "Revise que copió el enlace completo del correo. Si el problema continúa, firme de nuevo y le enviaremos otro enlace.")
        : HtmlPages.Message(400, language, "This link is not valid",
            "Check that you copied the whole link from the email. If it still does not work, sign again and we will send you a new link.");

    public static IActionResult TryAgainLater(Language language) => language == Language.Es
        ? HtmlPages.Message(503, language, "Inténtelo de nuevo en un momento", "No pudimos confirmar su firma ahora. Abra el enlace otra vez en unos minutos.")
        : HtmlPages.Message(503, language, "Please try again in a moment", "We could not confirm your signature just now. Open the link again in a few minutes.");
}
