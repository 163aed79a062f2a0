using System.Collections.Concurrent;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

/// <summary>Delivery emails to "flaky-…" fail twice then go out; to "bounce-…" are refused for good. Signers' emails always go out.</summary>
public sealed class ScriptedDeliveryTransport : IEmailTransport
{
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public ConcurrentDictionary<Guid, int> Delivered { get; } = new();

    public Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        var attempt = Attempts.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        if (message.To.Address.StartsWith("flaky-", StringComparison.Ordinal) && attempt <= 2) throw new TransientEmailException("The provider answered 503.");
        if (message.To.Address.StartsWith("bounce-", StringComparison.Ordinal)) return Task.FromResult<EmailSendResult>(new EmailSendResult.Rejected("mailbox-unavailable"));
        Delivered.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        return Task.FromResult(EmailSendResult.SentResult);
    }
}
