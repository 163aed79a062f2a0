namespace PetitionFunctions.Email;

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

    /// <summary>
    /// Which record under the request's key the email is for (a signature's generation), when a key can
    /// name a new record after the old one went: part of the idempotency key, so the new record's first
    /// email is never taken for its predecessor's.
    /// </summary>
    public string? RecordInstance { get; init; }
}
