using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>The wording of endorsement-specific field errors and the receipt, in English and Spanish (the general ones are in <see cref="FieldMessages"/>).</summary>
public static class EndorsementMessages
{
    public static string Receipt(Language l) => l == Language.Es
        ? "¡Gracias! Revise su correo: le enviamos un enlace para confirmar el respaldo. Lo revisaremos antes de publicarlo."
        : "Thank you! Check your email: we sent you a link to confirm the endorsement. We review it before it is listed.";

    public static string YesOrNo(Language l) =>
        l == Language.Es ? "Responda sí o no." : "Answer yes or no.";

    public static string InvalidType(Language l) =>
        l == Language.Es ? "Elija «organization» (organización) o «individual» (líder)." : "Choose \"organization\" or \"individual\".";

    public static string IndividualsNotAllowed(Language l) =>
        l == Language.Es ? "Esta carta solo recibe respaldos de organizaciones." : "This letter takes endorsements from organisations only.";

    public static string InvalidScope(Language l) =>
        l == Language.Es ? "Elija national (nacional), state (estatal) o local." : "Choose national, state or local.";

    public static string InvalidWebsite(Language l) =>
        l == Language.Es ? "Escriba la dirección completa del sitio web, como https://ejemplo.org." : "Enter the full website address, like https://example.org.";

    public static string InvalidLogoUrl(Language l) =>
        l == Language.Es ? "Escriba una dirección https:// de la imagen." : "Enter an https:// address of the image.";

    public static string InvalidPhone(Language l) =>
        l == Language.Es ? "Escriba un número de teléfono válido, como +1 212 555 0100." : "Enter a valid phone number, like +1 212 555 0100.";

    public static string ConsentRequired(Language l) =>
        l == Language.Es ? "Indique si podemos mostrar este respaldo públicamente (true o false)." : "Say whether this endorsement may be listed publicly (true or false).";
}
