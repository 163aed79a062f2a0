namespace PetitionFunctions.Email;

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
