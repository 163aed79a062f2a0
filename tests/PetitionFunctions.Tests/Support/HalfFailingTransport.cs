using System.Collections.Concurrent;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// Wraps the app's own email transport and fails half the sends (a seeded coin), before the send,
/// as a provider answering 503 would. Counts what it let through, by idempotency key.
/// </summary>
public sealed class HalfFailingTransport(IEmailTransport inner) : IEmailTransport
{
    private readonly Random _coin = new(20261124);

    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public ConcurrentDictionary<Guid, int> Forwarded { get; } = new();

    public async Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        bool fail;
        lock (_coin) fail = _coin.Next(2) == 0;
        if (fail) throw new TransientEmailException("The provider answered 503.", TimeSpan.FromSeconds(1));
        var result = await inner.SendAsync(message, idempotencyKey, cancellationToken);
        Forwarded.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        return result;
    }
}
