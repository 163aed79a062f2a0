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
    /// <summary>
    /// Reads host.json, with the app settings "AzureFunctionsJobHost:..." (environment variables
    /// <c>AzureFunctionsJobHost__extensions__queues__visibilityTimeout</c> and the like) winning over the
    /// file, as on the Functions host.
    /// </summary>
    public static HostSettings Read(string path, IConfiguration? configuration = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        string? Value(string setting) =>
            configuration?[$"AzureFunctionsJobHost:{setting}"] ?? setting.Split(':').Aggregate(root, (node, key) => node?[key])?.ToString();
        return new HostSettings(
            RoutePrefix: Value("extensions:http:routePrefix") ?? "api",
            QueueBatchSize: Math.Clamp(Number(Value("extensions:queues:batchSize")) ?? 16, 1, 32),
            MaxDequeueCount: Number(Value("extensions:queues:maxDequeueCount")) ?? 5,
            MaxPollingInterval: Span(Value("extensions:queues:maxPollingInterval"), TimeSpan.FromMinutes(1)),
            VisibilityTimeout: Span(Value("extensions:queues:visibilityTimeout"), TimeSpan.Zero));
    }

    private static int? Number(string? text) => text is null ? null : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static TimeSpan Span(string? text, TimeSpan fallback) =>
        text is null ? fallback : TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
