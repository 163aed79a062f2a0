using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

/// <summary>
/// How many emails a signature may cause. Each post can ask for one (a re-send while unconfirmed, a
/// short "already signed" note once confirmed), but never more than five in all, and never two within
/// the cool-down: a burst of identical posts (a double click, a bot, a retrying client) sends one.
/// </summary>
public static class EmailAllowance
{
    public const int MaxEmailsPerSignature = 5;
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The email a repeated signature should get now, or null for none. An address the provider refused
    /// gets nothing more; one whose email was given up on after an outage, or held back by its inbox's daily
    /// share, is tried again.
    /// </summary>
    public static EmailKind? ForRepeat(StoredSignature signature, DateTimeOffset now, TimeSpan cooldown)
    {
        if (signature.EmailFailure is not (null or EmailRetryRounds.GaveUp or MailboxLimits.Failure)
            || signature.State is SignatureState.Invalidated or SignatureState.Withdrawn) return null;
        // Held back by intake over a rate limit: the first email waits for an admin's release.
        if (signature is { Flag: not null, State: SignatureState.Unconfirmed, EmailRequests: 0 }) return null;
        if (signature.EmailRequests >= MaxEmailsPerSignature) return null;
        if (now - signature.LastEmailRequestedAt < cooldown) return null;
        return signature.State == SignatureState.Confirmed ? EmailKind.AlreadySigned : EmailKind.Confirm;
    }

    /// <summary>Whether the email a queued request asks for should still go out.</summary>
    public static bool ShouldSend(StoredSignature signature, int sequence, EmailKind kind) =>
        signature.EmailFailure is null
        && signature.State is not (SignatureState.Invalidated or SignatureState.Withdrawn)
        && sequence > signature.LastSentSequence
        && signature.EmailsSent < MaxEmailsPerSignature
        && !(kind == EmailKind.Confirm && signature.State == SignatureState.Confirmed);
}
