namespace PetitionFunctions.Email;

/// <summary>
/// The transport could not send now (throttled, server error, timeout, connection refused). The queue
/// tries the message again later; <see cref="RetryAfter"/> is the server's hint when it gave one.
/// </summary>
public sealed class TransientEmailException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
