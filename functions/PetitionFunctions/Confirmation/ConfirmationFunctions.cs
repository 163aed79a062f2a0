using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;

namespace PetitionFunctions.Confirmation;

public sealed class ConfirmationFunctions(ILogger<ConfirmationFunctions> log)
{
    /// <summary>
    /// Takes each confirmation request off the queue. For now it only records that one arrived; the
    /// confirmation email stage replaces this body. A message that is not a request fails, and after
    /// host.json's maxDequeueCount tries it moves to the poison queue.
    /// </summary>
    [Function(nameof(ReceiveConfirmationRequest))]
    public void ReceiveConfirmationRequest([QueueTrigger(StorageNames.ConfirmationsQueue)] string message)
    {
        var request = ConfirmationRequest.Parse(message);
        log.LogInformation("Confirmation requested for signature {Signature} on {Campaign}.", request.SignatureKey[..Math.Min(8, request.SignatureKey.Length)], request.Campaign);
    }
}
