using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

public static class ModerationMessages
{
    public static readonly LocalizedText InvalidState = new(
        "Use pending, approved or rejected.",
        "Use pending, approved o rejected.");

    public static readonly LocalizedText InvalidDecision = new(
        "Use apply or discard.",
        "Use apply (aplicar) o discard (descartar).");

    public static readonly LocalizedText TooManyKeys = new(
        $"Send between 1 and {EndorsementModeration.MaxKeys} keys.",
        $"Envíe entre 1 y {EndorsementModeration.MaxKeys} claves.");
}
