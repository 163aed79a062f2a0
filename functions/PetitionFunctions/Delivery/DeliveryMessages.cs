using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>
/// The catalogue of the delivery stage's words for organisers, English beside Spanish. (The delivery
/// email itself is in English only, the target office's language: see <see cref="DeliveryEmails"/>.)
/// </summary>
public static class DeliveryMessages
{
    public static readonly LocalizedText DeliveryNotFound = new(
        "This campaign has no delivery with that id.",
        "Esta campaña no tiene ninguna entrega con ese identificador.");

    /// <param name="dueNow">The milestones due now; none is said in words.</param>
    public static LocalizedText MilestoneNotDue(IReadOnlyList<string> dueNow)
    {
        var list = dueNow.Count == 0 ? null : string.Join(", ", dueNow);
        return new(
            $"That milestone is not due for this campaign now. Due now: {list ?? "none"}. Leave it out for an on-demand delivery.",
            $"Ese hito no corresponde a esta campaña ahora. Hitos pendientes: {list ?? "ninguno"}. Sin hito, se hace una entrega a pedido.");
    }
}
