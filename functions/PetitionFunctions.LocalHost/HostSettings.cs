using System.Text.Json.Nodes;

namespace PetitionFunctions.LocalHost;

/// <summary>The parts of host.json the local host honours, with the Functions host's defaults.</summary>
public sealed record HostSettings(
    string RoutePrefix,
    int QueueBatchSize,
    int MaxDequeueCount,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout)
{
    public static HostSettings Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        var extensions = root?["extensions"];
        var queues = extensions?["queues"];
        return new HostSettings(
            RoutePrefix: (string?)extensions?["http"]?["routePrefix"] ?? "api",
            QueueBatchSize: Math.Clamp((int?)queues?["batchSize"] ?? 16, 1, 32),
            MaxDequeueCount: (int?)queues?["maxDequeueCount"] ?? 5,
            MaxPollingInterval: Span(queues?["maxPollingInterval"], TimeSpan.FromMinutes(1)),
            VisibilityTimeout: Span(queues?["visibilityTimeout"], TimeSpan.Zero));
    }

    private static TimeSpan Span(JsonNode? node, TimeSpan fallback) =>
        node is null ? fallback : TimeSpan.Parse((string)node!, System.Globalization.CultureInfo.InvariantCulture);
}
