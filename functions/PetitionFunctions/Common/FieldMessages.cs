namespace PetitionFunctions.Common;

/// <summary>The wording of field errors, in English and Spanish.</summary>
public static class FieldMessages
{
    public static string Required(Language l) =>
        l == Language.Es ? "Este campo es obligatorio." : "This field is required.";

    public static string TooLong(Language l, int max) =>
        l == Language.Es ? $"Use como máximo {max} caracteres." : $"Use at most {max} characters.";

    public static string NotText(Language l) =>
        l == Language.Es ? "Debe ser texto." : "This must be text.";

    public static string Repeated(Language l) =>
        l == Language.Es ? "Este campo aparece más de una vez." : "This field appears more than once.";

    public static string ControlCharacters(Language l) =>
        l == Language.Es ? "Contiene caracteres no permitidos." : "This contains characters that are not allowed.";

    public static string InvalidEmail(Language l) =>
        l == Language.Es ? "Escriba un correo electrónico válido, como nombre@ejemplo.org." : "Enter a valid email address, like name@example.org.";

    public static string InvalidPostalCode(Language l) =>
        l == Language.Es ? "Escriba un código postal válido." : "Enter a valid postal code.";

    public static string InvalidSource(Language l) =>
        l == Language.Es ? "Use solo letras, números, puntos, guiones y guiones bajos." : "Use only letters, digits, dots, hyphens and underscores.";

    public static string ReturnUrlNotAllowed(Language l) =>
        l == Language.Es ? "Esta dirección de regreso no está autorizada para la campaña." : "This return address is not allowed for this campaign.";

    public static string MalformedJson(Language l) =>
        l == Language.Es ? "El JSON no es válido." : "The JSON is not valid.";

    public static string NotAnObject(Language l) =>
        l == Language.Es ? "Debe ser un objeto JSON." : "This must be a JSON object.";

    public static string NotAList(Language l) =>
        l == Language.Es ? "Debe ser una lista." : "This must be a list.";
}
