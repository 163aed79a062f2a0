using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PetitionFunctions.Tests.Support;

/// <summary>An Azure SDK pipeline policy that notes the path of every storage request, to prove which tables a request touched.</summary>
public sealed class StorageRecorder : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _paths = new();

    public IReadOnlyCollection<string> Paths => _paths;

    public void Clear() => _paths.Clear();

    public int CountTouching(string table) => _paths.Count(path => path.Contains($"/{table}", StringComparison.Ordinal));

    public override void OnSendingRequest(HttpMessage message) => _paths.Enqueue(message.Request.Uri.Path);
}
