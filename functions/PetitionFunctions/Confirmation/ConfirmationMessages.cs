using System.Globalization;
using PetitionFunctions.Common;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// The catalogue of the confirmation stage's words, English beside Spanish: the pages a confirm or
/// withdraw link opens, and the emails a signer gets. Texts that quote a campaign's title take it in
/// both languages and use each language's own.
/// </summary>
public static class ConfirmationMessages
{
    // The pages a confirm link opens.

    public static readonly LocalizedText ConfirmedTitle = new(
        "Signature confirmed",
        "Firma confirmada");

    public static LocalizedText ConfirmedText(LocalizedText campaignTitle) => new(
        $"Thank you. Your signature on \"{campaignTitle.En}\" is confirmed and counts. You can close this page.",
        $"Gracias. Su firma en «{campaignTitle.Es}» está confirmada y cuenta. Puede cerrar esta página.");

    /// <summary>For a signature intake set aside (over a rate limit): true to the signer, without naming the reason.</summary>
    public static LocalizedText ConfirmedAwaitingReviewText(LocalizedText campaignTitle) => new(
        $"Thank you. We received your confirmed signature on \"{campaignTitle.En}\". It will count once our team has reviewed it. You can close this page.",
        $"Gracias. Recibimos su firma confirmada en «{campaignTitle.Es}». Contará en cuanto nuestro equipo la revise. Puede cerrar esta página.");

    public static readonly LocalizedText ExpiredText = new(
        "Confirmation links work for 30 days. Sign again on the campaign's page and we will send you a new link.",
        "Los enlaces de confirmación valen 30 días. Firme de nuevo en la página de la campaña y le enviaremos un enlace nuevo.");

    public static readonly LocalizedText WithdrawnTitle = new(
        "This signature was withdrawn",
        "Esta firma fue retirada");

    public static readonly LocalizedText WithdrawnText = new(
        "You withdrew this signature, so this link no longer confirms it. To support the campaign again, sign again on its page.",
        "Usted retiró esta firma, así que este enlace ya no la confirma. Si quiere apoyar la campaña otra vez, firme de nuevo en su página.");

    public static readonly LocalizedText NotValidText = new(
        "Check that you copied the whole link from the email. If it still does not work, sign again and we will send you a new link.",
        "Revise que copió el enlace completo del correo. Si el problema continúa, firme de nuevo y le enviaremos otro enlace.");

    public static readonly LocalizedText TryAgainText = new(
        "We could not confirm your signature just now. Open the link again in a few minutes.",
        "No pudimos confirmar su firma ahora. Abra el enlace otra vez en unos minutos.");

    // The pages a withdraw link opens.

    public static readonly WithdrawTexts WithdrawPage = new(
        AskTitle: new(
            "Withdraw your signature?",
            "¿Retirar su firma?"),
        AskText: new(
            "If you withdraw it, it will stop counting and we will delete your name, email and other details. You can sign again at any time.",
            "Si la retira, dejará de contar y borraremos su nombre, correo y demás datos. Podrá volver a firmar cuando quiera."),
        Button: new(
            "Yes, withdraw my signature",
            "Sí, retirar mi firma"),
        DoneTitle: new(
            "Your signature has been withdrawn",
            "Su firma fue retirada"),
        DoneText: new(
            "It no longer counts and we deleted your personal details. The campaign's total will update within minutes. You can close this page.",
            "Ya no cuenta y borramos sus datos personales. El total de la campaña se actualizará en unos minutos. Puede cerrar esta página."));

    // The emails.

    public static LocalizedText Greeting(string givenName) => new(
        $"Hi {givenName},",
        $"Hola {givenName}:");

    public static LocalizedText ConfirmSubject(LocalizedText campaignTitle) => new(
        $"Confirm your signature: {campaignTitle.En}",
        $"Confirme su firma: {campaignTitle.Es}");

    public static LocalizedText ConfirmThanks(LocalizedText campaignTitle, string target) => new(
        $"Thank you for signing \"{campaignTitle.En}\", addressed to {target}.",
        $"Gracias por firmar «{campaignTitle.Es}», dirigida a {target}.");

    public static readonly LocalizedText ConfirmAsk = new(
        "Your signature only counts once you confirm it. Open this link to confirm:",
        "Su firma solo cuenta cuando la confirma. Abra este enlace para confirmarla:");

    public static readonly LocalizedText ConfirmButton = new(
        "Confirm my signature",
        "Confirmar mi firma");

    public static readonly LocalizedText ConfirmFooter = new(
        "The link works for 30 days. If you did not sign, ignore this email: nothing will be counted.",
        "El enlace vale 30 días. Si usted no firmó, ignore este mensaje: no se contará nada.");

    public static LocalizedText AlreadySignedSubject(LocalizedText campaignTitle) => new(
        $"You already signed: {campaignTitle.En}",
        $"Ya firmó: {campaignTitle.Es}");

    public static LocalizedText AlreadySignedText(LocalizedText campaignTitle, DateTimeOffset confirmedAt) => new(
        $"You already signed \"{campaignTitle.En}\" and confirmed it on {confirmedAt.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en"))}. It counts: there is nothing more to do. Thank you!",
        $"Usted ya firmó «{campaignTitle.Es}» y confirmó su firma el {confirmedAt.ToString("d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo("es"))}. Ya cuenta: no tiene que hacer nada más. ¡Gracias!");

    public static readonly LocalizedText WithdrawSentence = new(
        "If you change your mind, you can withdraw your signature at any time with this link; we will delete your details:",
        "Si cambia de opinión, puede retirar su firma en cualquier momento con este enlace; borraremos sus datos:");
}
