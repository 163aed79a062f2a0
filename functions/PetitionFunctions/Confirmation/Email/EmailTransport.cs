namespace PetitionFunctions.Confirmation.Email;

public sealed record EmailAddress(string Address, string? DisplayName = null);

/// <summary>One email to one person: a plain-text part and an HTML part, never a tracking pixel.</summary>
public sealed record EmailMessage(EmailAddress To, string Subject, string PlainText, string Html);

public abstract record EmailSendResult
{
    public sealed record Sent : EmailSendResult;

    /// <summary>A permanent refusal (for example the address does not exist): retrying will not help.</summary>
    public sealed record Rejected(string Reason) : EmailSendResult;

    public static readonly EmailSendResult SentResult = new Sent();
}

/// <summary>
/// The transport could not send now (throttled, server error, timeout, connection refused). The queue
/// tries the message again later; <see cref="RetryAfter"/> is the server's hint when it gave one.
/// </summary>
public sealed class TransientEmailException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Sends email. One implementation per provider, chosen by configuration (Email:Transport).</summary>
public interface IEmailTransport
{
    /// <param name="idempotencyKey">
    /// The same for every attempt at the same email. Transports that can use it to send at most once
    /// (ACS takes it as the Operation-Id; the outbox folder as the file name).
    /// </param>
    /// <returns>Sent, or Rejected for a permanent failure.</returns>
    /// <exception cref="TransientEmailException">Try again later.</exception>
    Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken);
}
