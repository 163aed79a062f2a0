using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>The wording of the story stage's field errors and answers, in English and Spanish (the shared ones are in <see cref="FieldMessages"/>).</summary>
public static class StoryMessages
{
    public static string InvalidLanguage(Language l) =>
        l == Language.Es ? "Use en (inglés) o es (español)." : "Use en (English) or es (Spanish).";

    public static string InvalidConsent(Language l) =>
        l == Language.Es
            ? "Elija publish_with_name, publish_anonymously, target_only o internal."
            : "Choose publish_with_name, publish_anonymously, target_only or internal.";

    public static string NameNeededToPublishWithName(Language l) =>
        l == Language.Es
            ? "Para publicar su historia con su nombre, escriba su nombre (o elija publicarla sin nombre)."
            : "To publish your story with your name, write your name (or choose to publish it without your name).";

    public static string InvalidContact(Language l) =>
        l == Language.Es
            ? "Escriba un correo electrónico (nombre@ejemplo.org) o un número de teléfono."
            : "Enter an email address (name@example.org) or a phone number.";

    public static string ContactNeededToBeContacted(Language l) =>
        l == Language.Es
            ? "Para que un organizador le contacte, deje un correo electrónico o un teléfono."
            : "For an organiser to contact you, leave an email address or a phone number.";

    public static string EmailNeededForConfirmation(Language l) =>
        l == Language.Es
            ? "Para recibir un correo de confirmación, deje un correo electrónico."
            : "To get a confirmation email, leave an email address.";

    public static string NotAYesNo(Language l) =>
        l == Language.Es ? "Use true o false." : "Use true or false.";

    public static string RedactionNeeded(Language l) =>
        l == Language.Es
            ? "Escriba una versión editada en inglés o en español."
            : "Write a redacted version in English or Spanish.";

    public static string RedactFirst(Language l) =>
        l == Language.Es
            ? "Escriba primero una versión editada: solo esa se publica o se entrega."
            : "Write a redacted version first: only that is ever published or delivered.";

    public static string ConsentForbidsPublishing(Language l) =>
        l == Language.Es
            ? "Quien escribió la historia no dio permiso para publicarla."
            : "The writer did not consent to publishing this story.";

    public static string ConsentForbidsDelivery(Language l) =>
        l == Language.Es
            ? "Quien escribió la historia pidió que quede interna: no se entrega al destinatario."
            : "The writer asked to keep this story internal: it is not delivered to the target.";

    public static string UnknownField(Language l) =>
        l == Language.Es ? "Este campo no se reconoce aquí." : "This field is not recognised here.";

    public static string Receipt(Language l) =>
        l == Language.Es
            ? "Gracias por compartir su historia. La recibimos y solo se usará como usted eligió."
            : "Thank you for sharing your story. We received it, and it will only be used as you chose.";
}
