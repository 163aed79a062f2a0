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
}
