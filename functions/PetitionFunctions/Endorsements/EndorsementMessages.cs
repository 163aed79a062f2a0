using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The catalogue of the endorsement stage's words, English beside Spanish: field errors and the receipt
/// (the general ones are in <see cref="FieldMessages"/>), the pages a confirm link opens, and the email.
/// </summary>
public static class EndorsementMessages
{
    public static readonly LocalizedText Receipt = new(
        "Thank you! Check your email: we sent you a link to confirm the endorsement. We review it before it is listed.",
        "¡Gracias! Revise su correo: le enviamos un enlace para confirmar el respaldo. Lo revisaremos antes de publicarlo.");

    public static readonly LocalizedText YesOrNo = new(
        "Answer yes or no.",
        "Responda sí o no.");

    public static readonly LocalizedText InvalidType = new(
        "Choose \"organization\" or \"individual\".",
        "Elija «organization» (organización) o «individual» (líder).");

    public static readonly LocalizedText IndividualsNotAllowed = new(
        "This letter takes endorsements from organisations only.",
        "Esta carta solo recibe respaldos de organizaciones.");

    public static readonly LocalizedText InvalidScope = new(
        "Choose national, state or local.",
        "Elija national (nacional), state (estatal) o local.");

    public static readonly LocalizedText InvalidWebsite = new(
        "Enter the full website address, like https://example.org.",
        "Escriba la dirección completa del sitio web, como https://ejemplo.org.");

    public static readonly LocalizedText InvalidLogoUrl = new(
        "Enter an https:// address of the image.",
        "Escriba una dirección https:// de la imagen.");

    public static readonly LocalizedText InvalidPhone = new(
        "Enter a valid phone number, like +1 212 555 0100.",
        "Escriba un número de teléfono válido, como +1 212 555 0100.");

    public static readonly LocalizedText ConsentRequired = new(
        "Say whether this endorsement may be listed publicly (true or false).",
        "Indique si podemos mostrar este respaldo públicamente (true o false).");

    // The pages a confirm link opens.

    public static readonly LocalizedText ConfirmedTitle = new(
        "Endorsement confirmed",
        "Respaldo confirmado");

    public static LocalizedText ConfirmedText(LocalizedText campaignTitle) => new(
        $"Thank you. Your endorsement of \"{campaignTitle.En}\" is confirmed. Our team will review it before it is listed and the letter is delivered. You can close this page.",
        $"Gracias. Su respaldo a «{campaignTitle.Es}» está confirmado. Nuestro equipo lo revisará antes de publicarlo y de entregar la carta. Puede cerrar esta página.");

    public static readonly LocalizedText ExpiredText = new(
        "Confirmation links work for 30 days. Send the endorsement again on the letter's page, or write to us.",
        "Los enlaces de confirmación valen 30 días. Envíe el respaldo de nuevo en la página de la carta o escríbanos.");

    public static readonly LocalizedText NotValidText = new(
        "Check that you copied the whole link from the email.",
        "Revise que copió el enlace completo del correo.");

    public static readonly LocalizedText TryAgainText = new(
        "We could not confirm your endorsement just now. Open the link again in a few minutes.",
        "No pudimos confirmar su respaldo ahora. Abra el enlace otra vez en unos minutos.");

    // The email.

    public static LocalizedText Greeting(string name) => new(
        $"Hi {name},",
        $"Hola {name}:");

    public static LocalizedText ConfirmSubject(LocalizedText campaignTitle) => new(
        $"Confirm your endorsement: {campaignTitle.En}",
        $"Confirme su respaldo: {campaignTitle.Es}");

    public static LocalizedText ConfirmThanks(LocalizedText campaignTitle, string target) => new(
        $"Thank you for endorsing the letter \"{campaignTitle.En}\", addressed to {target}.",
        $"Gracias por respaldar la carta «{campaignTitle.Es}», dirigida a {target}.");

    public static LocalizedText ConfirmThanksForOrganization(LocalizedText campaignTitle, string target, string organization) => new(
        $"Thank you for adding {organization} to the letter \"{campaignTitle.En}\", addressed to {target}.",
        $"Gracias por sumar a {organization} a la carta «{campaignTitle.Es}», dirigida a {target}.");

    public static readonly LocalizedText ConfirmAsk = new(
        "The endorsement only counts once you confirm it. Open this link to confirm:",
        "El respaldo solo cuenta cuando usted lo confirma. Abra este enlace para confirmarlo:");

    public static readonly LocalizedText ConfirmButton = new(
        "Confirm the endorsement",
        "Confirmar el respaldo");

    public static readonly LocalizedText ConfirmFooter = new(
        "The link works for 30 days. Our team then reviews every endorsement before it is listed. If you did not send it, ignore this email: nothing will be listed.",
        "El enlace vale 30 días. Después, nuestro equipo revisa cada respaldo antes de publicarlo. Si usted no lo envió, ignore este mensaje: no se publicará nada.");
}
