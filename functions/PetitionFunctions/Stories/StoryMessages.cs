using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>The wording of the story stage's field errors and answers, in English and Spanish (the shared ones are in <see cref="FieldMessages"/>).</summary>
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
}
