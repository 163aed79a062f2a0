using System.Text.Json;
using Azure.Storage.Queues;
using PetitionFunctions.Common;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// The message asking for a confirmation email. It names the signature and nothing about the person:
/// the consumer reads the encrypted details from the table.
/// </summary>
public sealed record ConfirmationRequest(string Campaign, string SignatureKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="FormatException">The message is not a confirmation request; retrying will not help.</exception>
    public static ConfirmationRequest Parse(string message)
    {
        ConfirmationRequest? request;
        try { request = JsonSerializer.Deserialize<ConfirmationRequest>(message, Json); }
        catch (JsonException e) { throw new FormatException("The message is not a confirmation request.", e); }
        if (request is null || string.IsNullOrEmpty(request.Campaign) || string.IsNullOrEmpty(request.SignatureKey))
            throw new FormatException("The confirmation request names no campaign or signature.");
        return request;
    }
}

public sealed class ConfirmationQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.ConfirmationsQueue);

    public Task SendAsync(ConfirmationRequest request, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(request.ToJson(), cancellationToken);
}
