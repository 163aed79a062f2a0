using PetitionFunctions.Common;

namespace PetitionFunctions.Partners;

/// <summary>The catalogue of the partner-key admin API's words, English beside Spanish.</summary>
public static class PartnerMessages
{
    public static readonly LocalizedText ScopesRequired = new(
        "List what the key allows: [\"sign\"], [\"read\"] or both.",
        "Indique lo que permite la clave: [\"sign\"], [\"read\"] o ambos.");

    public static readonly LocalizedText UnknownScope = new(
        "A scope is \"sign\" or \"read\".",
        "Un alcance es \"sign\" o \"read\".");

    public static readonly LocalizedText InvalidLifetime = new(
        "Give a whole number of days from 1 to 730.",
        "Indique un número entero de días entre 1 y 730.");
}
