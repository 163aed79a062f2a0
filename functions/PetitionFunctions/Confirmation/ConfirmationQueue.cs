using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// The message asking for an email to a signer. It names the signature and nothing about the person:
/// the sender reads the encrypted details from the table. <see cref="Sequence"/> numbers the emails
/// of one signature, so a message delivered twice is sent once.
/// </summary>
public sealed record ConfirmationRequest(string Campaign, string SignatureKey, int Sequence = 1, EmailKind Kind = EmailKind.Confirm)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static ConfirmationRequest From(PendingConfirmation pending) =>
        new(pending.Campaign, pending.SignatureKey, pending.Sequence, pending.Kind);

    public PendingConfirmation AsPending() => new(Campaign, SignatureKey, Sequence, Kind);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ConfirmationRequest? TryParse(string message)
    {
        try { return Parse(message); }
        catch (FormatException) { return null; }
    }

    /// <exception cref="FormatException">The message is not a confirmation request; retrying will not help.</exception>
    public static ConfirmationRequest Parse(string message)
    {
        ConfirmationRequest? request;
        try { request = JsonSerializer.Deserialize<ConfirmationRequest>(message, Json); }
        catch (JsonException e) { throw new FormatException("The message is not a confirmation request.", e); }
        if (request is null || string.IsNullOrEmpty(request.Campaign) || string.IsNullOrEmpty(request.SignatureKey) || request.Sequence < 1)
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
