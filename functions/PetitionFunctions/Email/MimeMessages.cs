using MimeKit;

namespace PetitionFunctions.Email;

/// <summary>Builds the MIME message that both the outbox folder and the SMTP transport send.</summary>
internal static class MimeMessages
{
    public static MimeMessage Build(EmailMessage message, EmailOptions options, Guid idempotencyKey) =>
        Build(message, options, idempotencyKey, DateTimeOffset.UtcNow);

    /// <param name="date">The Date header.</param>
    public static MimeMessage Build(EmailMessage message, EmailOptions options, Guid idempotencyKey, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);

        var mime = new MimeMessage();
        mime.From.Add(ConfiguredAddress(message.SenderName ?? options.SenderName, options.SenderAddress, "Email:SenderAddress"));
        mime.To.Add(Recipient(message.To));
        foreach (var copy in message.Cc) mime.Cc.Add(Recipient(copy));
        if ((message.ReplyTo ?? options.ReplyTo) is { } replyTo && !string.IsNullOrWhiteSpace(replyTo))
            mime.ReplyTo.Add(ConfiguredAddress(null, replyTo, "Email:ReplyTo"));

        mime.Subject = message.Subject;
        mime.Date = date;
        // The same email gets the same Message-Id on every attempt, so a receiving system (or a person
        // looking at two copies after a retry) can tell they are one message.
        mime.MessageId = $"{idempotencyKey:N}@{MessageIdDomain(options.SenderAddress)}";
        foreach (var (name, value) in message.ExtraHeaders()) mime.Headers.Add(name, value);

        // multipart/alternative: text/plain first, then text/html (the preferred part comes last).
        var body = new BodyBuilder { TextBody = message.PlainText, HtmlBody = message.Html };
        // With attachments: multipart/mixed of the alternative above and one part per file, each in
        // base64 so its bytes (a CSV's byte-order mark, its CRLF line ends) arrive exactly as hashed.
        foreach (var attachment in message.Attachments)
        {
            using var content = attachment.Open();
            var part = (MimePart)body.Attachments.Add(attachment.Name, content, ContentType.Parse(attachment.ContentType));
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }
        mime.Body = body.ToMessageBody();

        // Choose 7-bit-safe transfer encodings (quoted-printable / base64) for non-ASCII text and long
        // lines, so the .eml file and the SMTP DATA are valid whatever the server supports.
        mime.Prepare(EncodingConstraint.SevenBit);
        return mime;
    }

    private static MailboxAddress Recipient(EmailAddress to)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (string.IsNullOrWhiteSpace(to.Address))
            throw new InvalidRecipientAddressException();
        try
        {
            return new MailboxAddress(string.IsNullOrWhiteSpace(to.DisplayName) ? null : to.DisplayName, to.Address.Trim());
        }
        catch (ParseException)
        {
            // No inner exception: the parser's message may quote part of the address.
            throw new InvalidRecipientAddressException();
        }
    }

    private static MailboxAddress ConfiguredAddress(string? name, string? address, string setting)
    {
        if (string.IsNullOrWhiteSpace(address))
            throw new InvalidOperationException($"{setting} is not configured.");
        try
        {
            return new MailboxAddress(string.IsNullOrWhiteSpace(name) ? null : name, address.Trim());
        }
        catch (ParseException ex)
        {
            throw new InvalidOperationException($"{setting} is not a valid email address.", ex);
        }
    }

    private static string MessageIdDomain(string senderAddress)
    {
        var at = senderAddress.LastIndexOf('@');
        var domain = at >= 0 ? senderAddress[(at + 1)..].Trim().TrimEnd('>') : "";
        return IsPlainDomain(domain) ? domain.ToLowerInvariant() : "localhost";
    }

    private static bool IsPlainDomain(string domain) =>
        domain.Length is > 0 and <= 253
        && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}
