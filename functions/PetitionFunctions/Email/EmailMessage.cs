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
    /// The withdraw link, offered as the email's List-Unsubscribe (RFC 2369) so a mail app's "unsubscribe"
    /// leads there. No List-Unsubscribe-Post: a one-click POST (RFC 8058) would not carry the link's token,
    /// which rides in the fragment, and withdrawing asks first.
    /// </summary>
    public Uri? Unsubscribe { get; init; }

    /// <summary>The From display name for this email (a campaign's coalition), instead of Email:SenderName. ACS takes it from its sender resource instead.</summary>
    public string? SenderName { get; init; }

    /// <summary>Where replies go for this email (a campaign's coalition), instead of Email:ReplyTo.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The headers every email carries besides the usual ones: Auto-Submitted (RFC 3834), so no auto-reply answers it, and List-Unsubscribe where it has one.</summary>
    public IEnumerable<KeyValuePair<string, string>> ExtraHeaders()
    {
        yield return new("Auto-Submitted", "auto-generated");
        if (Unsubscribe is { } link) yield return new("List-Unsubscribe", $"<{link.AbsoluteUri}>");
    }

    /// <summary>
    /// Which record under the request's key the email is for (a signature's generation), when a key can
    /// name a new record after the old one went: part of the idempotency key, so the new record's first
    /// email is never taken for its predecessor's.
    /// </summary>
    public string? RecordInstance { get; init; }
}
