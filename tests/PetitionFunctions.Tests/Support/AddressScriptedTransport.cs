using System.Collections.Concurrent;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// A transport scripted by address: "down-…" fails every try (the provider is out), "refused-…" is refused
/// for good, anyone else gets the email.
/// </summary>
public sealed class AddressScriptedTransport : IEmailTransport
{
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public ConcurrentDictionary<Guid, int> Delivered { get; } = new();

    public Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        var address = message.To.Address;
        if (address.StartsWith("down-", StringComparison.Ordinal)) throw new TransientEmailException("The provider answered 503.", TimeSpan.FromSeconds(1));
        if (address.StartsWith("refused-", StringComparison.Ordinal)) return Task.FromResult<EmailSendResult>(new EmailSendResult.Rejected("recipient-not-found"));
        Delivered.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        return Task.FromResult(EmailSendResult.SentResult);
    }
}
