using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>The wording of endorsement-specific field errors and the receipt, in English and Spanish (the general ones are in <see cref="FieldMessages"/>).</summary>
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
}
