namespace PetitionFunctions.Common;

/// <summary>The catalogue of field errors every stage shares, English beside Spanish.</summary>
public static class FieldMessages
{
    public static readonly LocalizedText Required = new(
        "This field is required.",
        "Este campo es obligatorio.");

    public static LocalizedText TooLong(int max) => new(
        $"Use at most {max} characters.",
        $"Use como máximo {max} caracteres.");

    public static readonly LocalizedText NotText = new(
        "This must be text.",
        "Debe ser texto.");

    public static readonly LocalizedText Repeated = new(
        "This field appears more than once.",
        "Este campo aparece más de una vez.");

    public static readonly LocalizedText NothingVisible = new(
        "Write at least one letter or digit.",
        "Escriba al menos una letra o un número.");

    public static readonly LocalizedText ControlCharacters = new(
        "This contains characters that are not allowed.",
        "Contiene caracteres no permitidos.");

    public static readonly LocalizedText InvalidEmail = new(
        "Enter a valid email address, like name@example.org.",
        "Escriba un correo electrónico válido, como nombre@ejemplo.org.");

    public static readonly LocalizedText InvalidPostalCode = new(
        "Enter a valid postal code.",
        "Escriba un código postal válido.");

    public static readonly LocalizedText InvalidSource = new(
        "Use only letters, digits, dots, hyphens and underscores.",
        "Use solo letras, números, puntos, guiones y guiones bajos.");

    public static readonly LocalizedText ReturnUrlNotAllowed = new(
        "This return address is not allowed for this campaign.",
        "Esta dirección de regreso no está autorizada para la campaña.");

    public static readonly LocalizedText MalformedJson = new(
        "The JSON is not valid.",
        "El JSON no es válido.");

    public static readonly LocalizedText NotAnObject = new(
        "This must be a JSON object.",
        "Debe ser un objeto JSON.");

    public static readonly LocalizedText NotAList = new(
        "This must be a list.",
        "Debe ser una lista.");

    public static readonly LocalizedText BackToForm = new(
        "Go back to the form",
        "Volver al formulario");

    public static readonly LocalizedText BackWithBrowser = new(
        "Use your browser's Back button to return to the form; what you typed is usually still there.",
        "Use el botón Atrás de su navegador para volver al formulario; lo que escribió suele seguir ahí.");
}
