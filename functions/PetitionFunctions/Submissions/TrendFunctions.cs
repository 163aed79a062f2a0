using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

public sealed class TrendFunctions(TrendDetector detector)
{
    /// <summary>Every hour, at five past.</summary>
    [Function(nameof(DetectTrends))]
    public Task DetectTrends([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        detector.DetectAsync(cancellationToken);
}
