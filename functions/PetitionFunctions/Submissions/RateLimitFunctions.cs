using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

public sealed class RateLimitFunctions(RateLimitTable table, TimeProvider time, ILogger<RateLimitFunctions> log)
{
    /// <summary>Every ten minutes: deletes the rate-limit slots of windows that have ended.</summary>
    [Function(nameof(SweepRateLimits))]
    public async Task SweepRateLimits([TimerTrigger("0 */10 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await table.SweepAsync(time.GetUtcNow(), cancellationToken);
        if (deleted > 0) log.LogInformation("Swept {Count} ended rate-limit slots.", deleted);
    }
}
