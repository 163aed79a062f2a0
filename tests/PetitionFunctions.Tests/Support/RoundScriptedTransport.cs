using System.Collections.Concurrent;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// A transport that knows the queue's tries a round: "outage-…" fails every try of the email's first
/// round and works from the second; "down-…" always fails; anyone else gets the email.
/// </summary>
public sealed class RoundScriptedTransport(int triesPerRound) : IEmailTransport
{
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public ConcurrentDictionary<Guid, int> Delivered { get; } = new();

    public Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        var attempt = Attempts.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        var address = message.To.Address;
        if (address.StartsWith("down-", StringComparison.Ordinal) || (address.StartsWith("outage-", StringComparison.Ordinal) && attempt <= triesPerRound))
            throw new TransientEmailException("The provider answered 503.", TimeSpan.FromSeconds(1));
        Delivered.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        return Task.FromResult(EmailSendResult.SentResult);
    }
}
