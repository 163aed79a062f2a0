using Microsoft.Azure.Functions.Worker;

namespace PetitionFunctions.Counting;

public sealed class CountingFunctions(CountRollup rollup, CountReconciliation reconciliation)
{
    [Function(nameof(RollUpCounts))]
    public Task RollUpCounts([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        rollup.RollupAsync(cancellationToken);

    [Function(nameof(ReconcileCounts))]
    public Task ReconcileCounts([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciliation.ReconcileAsync(cancellationToken);
}
