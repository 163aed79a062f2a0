namespace PetitionFunctions.Email;

public sealed record EmailAddress(string Address, string? DisplayName = null);

/// <summary>
/// One email: a plain-text part and an HTML part, never a tracking pixel. Signers get one addressed to
/// them alone; a delivery to an office may copy the campaign's owner (<see cref="Cc"/>) and carry files
/// (<see cref="Attachments"/>).
/// </summary>
public sealed record EmailMessage(EmailAddress To, string Subject, string PlainText, string Html)
{
    /// <summary>Copies, shown to every recipient. Empty for signers' emails.</summary>
    public IReadOnlyList<EmailAddress> Cc { get; init; } = [];

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// A file sent with an email. The content is opened when the transport needs it (a temporary file, say),
/// so building the message holds no copy of it; every call to <see cref="Open"/> must return the same bytes
/// from the start, since a transport may read it more than once (a retry).
/// </summary>
public sealed record EmailAttachment(string Name, string ContentType, Func<Stream> Open)
{
    public static EmailAttachment FromBytes(string name, string contentType, byte[] content) =>
        new(name, contentType, () => new MemoryStream(content, writable: false));

    /// <summary>The attachment's bytes, read in full (the ACS request carries them in base64).</summary>
    public async Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken)
    {
        await using var stream = Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}

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
