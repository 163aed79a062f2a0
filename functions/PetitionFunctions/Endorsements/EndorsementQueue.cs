using System.Text.Json;
using Azure.Storage.Queues;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>The message asking for an endorsement's confirmation email: the letter and the row key, nothing about the person.</summary>
public sealed record EndorsementEmailRequest(string Campaign, string EndorsementKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EndorsementEmailRequest? TryParse(string message)
    {
        try { return Parse(message); }
        catch (FormatException) { return null; }
    }

    /// <exception cref="FormatException">The message is not an endorsement email request; retrying will not help.</exception>
    public static EndorsementEmailRequest Parse(string message)
    {
        EndorsementEmailRequest? request;
        try { request = JsonSerializer.Deserialize<EndorsementEmailRequest>(message, Json); }
        catch (JsonException e) { throw new FormatException("The message is not an endorsement email request.", e); }
        if (request is null || string.IsNullOrEmpty(request.Campaign) || !EndorsementTable.IsEndorsementKey(request.EndorsementKey ?? ""))
            throw new FormatException("The endorsement email request names no letter or endorsement.");
        return request;
    }
}

public sealed class EndorsementQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.EndorsementConfirmationsQueue);

    public Task SendAsync(EndorsementEmailRequest request, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(request.ToJson(), cancellationToken);
}
