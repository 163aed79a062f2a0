using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>
/// The catalogue of the story stage's words, English beside Spanish: field errors and answers (the
/// shared ones are in <see cref="FieldMessages"/>), the pages a withdraw link opens, and the receipt email.
/// </summary>
public static class StoryMessages
{
    public static readonly LocalizedText InvalidLanguage = new(
        "Use en (English) or es (Spanish).",
        "Use en (inglés) o es (español).");

    public static readonly LocalizedText InvalidConsent = new(
        "Choose publish_with_name, publish_anonymously, target_only or internal.",
        "Elija publish_with_name, publish_anonymously, target_only o internal.");

    public static readonly LocalizedText NameNeededToPublishWithName = new(
        "To publish your story with your name, write your name (or choose to publish it without your name).",
        "Para publicar su historia con su nombre, escriba su nombre (o elija publicarla sin nombre).");

    public static readonly LocalizedText InvalidContact = new(
        "Enter an email address (name@example.org) or a phone number.",
        "Escriba un correo electrónico (nombre@ejemplo.org) o un número de teléfono.");

    public static readonly LocalizedText ContactNeededToBeContacted = new(
        "For an organiser to contact you, leave an email address or a phone number.",
        "Para que un organizador le contacte, deje un correo electrónico o un teléfono.");

    public static readonly LocalizedText EmailNeededForConfirmation = new(
        "To get a confirmation email, leave an email address.",
        "Para recibir un correo de confirmación, deje un correo electrónico.");

    public static readonly LocalizedText NotAYesNo = new(
        "Use true or false.",
        "Use true o false.");

    public static readonly LocalizedText RedactionNeeded = new(
        "Write a redacted version in English or Spanish.",
        "Escriba una versión editada en inglés o en español.");

    public static readonly LocalizedText RedactFirst = new(
        "Write a redacted version first: only that is ever published or delivered.",
        "Escriba primero una versión editada: solo esa se publica o se entrega.");

    public static readonly LocalizedText ConsentForbidsPublishing = new(
        "The writer did not consent to publishing this story.",
        "Quien escribió la historia no dio permiso para publicarla.");

    public static readonly LocalizedText ConsentForbidsDelivery = new(
        "The writer asked to keep this story internal: it is not delivered to the target.",
        "Quien escribió la historia pidió que quede interna: no se entrega al destinatario.");

    public static readonly LocalizedText UnknownField = new(
        "This field is not recognised here.",
        "Este campo no se reconoce aquí.");

    public static readonly LocalizedText Receipt = new(
        "Thank you for sharing your story. We received it, and it will only be used as you chose.",
        "Gracias por compartir su historia. La recibimos y solo se usará como usted eligió.");

    // The pages a withdraw link opens.

    public static readonly WithdrawTexts WithdrawPage = new(
        AskTitle: new(
            "Withdraw your story?",
            "¿Retirar su historia?"),
        AskText: new(
            "If you withdraw it, we will delete it completely: it will not be published or delivered, and it cannot be recovered.",
            "Si la retira, la borraremos por completo: no se publicará ni se entregará, y no podremos recuperarla."),
        Button: new(
            "Yes, withdraw and delete my story",
            "Sí, retirar y borrar mi historia"),
        DoneTitle: new(
            "Your story has been withdrawn",
            "Su historia fue retirada"),
        DoneText: new(
            "We no longer hold your story. Thank you for having trusted us with it. You can close this page.",
            "Ya no guardamos su historia. Gracias por habernos confiado su experiencia. Puede cerrar esta página."));

    // The receipt email. It quotes nothing of the story.

    public static readonly LocalizedText EmailSubject = new(
        "We received your story",
        "Recibimos su historia");

    public static readonly LocalizedText GreetingWithoutName = new(
        "Hello,",
        "Hola:");

    public static LocalizedText Greeting(string name) => new(
        $"Hi {name},",
        $"Hola {name}:");

    public static LocalizedText EmailThanks(LocalizedText campaignTitle) => new(
        $"Thank you for sharing your story on \"{campaignTitle.En}\". We received it, and it will only be used as you chose.",
        $"Gracias por compartir su historia en «{campaignTitle.Es}». La recibimos, y solo se usará como usted eligió.");

    public static readonly LocalizedText EmailWithdraw = new(
        "If you change your mind, you can withdraw it at any time with this link: we will delete it completely.",
        "Si cambia de opinión, puede retirarla cuando quiera con este enlace: la borraremos por completo.");

    public static readonly LocalizedText EmailButton = new(
        "Withdraw my story",
        "Retirar mi historia");

    public static readonly LocalizedText EmailFooter = new(
        "Do not forward this email: the link lets whoever has it withdraw your story.",
        "No comparta este correo: el enlace permite retirar su historia.");
}
