using System.Collections.Concurrent;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// A transport whose behaviour depends on the recipient: "flaky-…" fails twice then works, "down-…"
/// always fails, an address in <see cref="Down"/> fails while it is there, "bounce-…" is refused for good, "refused-once-…" is refused the first time only;
/// anyone else gets the email.
/// </summary>
public sealed class ScriptedTransport : IEmailTransport
{
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public ConcurrentDictionary<Guid, int> Delivered { get; } = new();
    public ConcurrentBag<string> DeliveredTo { get; } = new();
    private ConcurrentDictionary<string, bool> RefusedOnce { get; } = new();
    public ConcurrentDictionary<string, bool> Down { get; } = new();

    public Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        var attempt = Attempts.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        var address = message.To.Address;
        if (address.StartsWith("down-", StringComparison.Ordinal) || Down.ContainsKey(address) || (address.StartsWith("flaky-", StringComparison.Ordinal) && attempt <= 2))
            throw new TransientEmailException("The provider answered 503.", TimeSpan.FromSeconds(1));
        if (address.StartsWith("bounce-", StringComparison.Ordinal) || (address.StartsWith("refused-once-", StringComparison.Ordinal) && DeliveredTo.Count(a => a == address) == 0 && RefusedOnce.TryAdd(address, true)))
            return Task.FromResult<EmailSendResult>(new EmailSendResult.Rejected("recipient-not-found"));
        Delivered.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        DeliveredTo.Add(address);
        return Task.FromResult(EmailSendResult.SentResult);
    }
}
