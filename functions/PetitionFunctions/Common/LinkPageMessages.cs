namespace PetitionFunctions.Common;

/// <summary>The catalogue of the words the pages of every stage's email links (confirm, withdraw) share, English beside Spanish.</summary>
public static class LinkPageMessages
{
    public static readonly LocalizedText ExpiredTitle = new(
        "This link has expired",
        "Este enlace venció");

    public static readonly LocalizedText WithdrawExpiredText = new(
        "Withdraw links work for a year. Use the link in a more recent email from us, or write to the campaign's organisers and they will remove it.",
        "Los enlaces para retirar valen un año. Use el enlace de un correo nuestro más reciente, o escriba a los organizadores de la campaña y lo retirarán.");

    public static readonly LocalizedText TryAgainTitle = new(
        "Please try again in a moment",
        "Inténtelo de nuevo en un momento");

    public static readonly LocalizedText TryAgainText = new(
        "We could not do this just now. Open the link again in a few minutes.",
        "No pudimos completar esto ahora. Abra el enlace otra vez en unos minutos.");

    public static readonly LocalizedText NotValidTitle = new(
        "This link is not valid",
        "Este enlace no es válido");

    public static readonly LocalizedText NotValidText = new(
        "Check that you copied the whole link from the email. If it still does not work, write to the campaign's organisers.",
        "Revise que copió el enlace completo del correo. Si el problema continúa, escriba a los organizadores de la campaña.");

    public static readonly LocalizedText PasteLabel = new(
        "Your browser did not fill this in: paste the whole link from the email here",
        "Su navegador no lo completó: pegue aquí el enlace completo del correo");

    public static readonly LocalizedText ConfirmingTitle = new(
        "Confirming…",
        "Confirmando…");

    public static readonly LocalizedText ConfirmingText = new(
        "One moment. If this page stays, press the button below.",
        "Un momento. Si esta página no cambia, pulse el botón de abajo.");
}
