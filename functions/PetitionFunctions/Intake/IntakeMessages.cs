using PetitionFunctions.Common;

namespace PetitionFunctions.Intake;

/// <summary>The catalogue of the signature intake's words, English beside Spanish (its field errors are the shared <see cref="FieldMessages"/>).</summary>
public static class IntakeMessages
{
    public static readonly LocalizedText Receipt = new(
        "Thank you! Check your email: we sent you a link to confirm your signature.",
        "¡Gracias! Revise su correo: le enviamos un enlace para confirmar su firma.");
}
