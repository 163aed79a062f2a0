namespace PetitionFunctions.Email;

/// <summary>Configuration section "Email".</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Outbox;

    /// <summary>The From address. For ACS, an address of a domain connected to the Communication Services resource.</summary>
    public string SenderAddress { get; set; } = "DoNotReply@petitions.localhost";

    public string? SenderName { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>
    /// How many times an email whose message exhausted the queue's tries is parked and tried again later
    /// (see <see cref="EmailRetryRounds"/>) before it is given up on. A refused address is never retried.
    /// </summary>
    public int RetryRounds { get; set; } = EmailRetryRounds.DefaultRounds;

    /// <summary>The wait before the first of those rounds; each next wait is four times longer.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = EmailRetryRounds.DefaultFirstDelay;

    /// <summary>How many emails one inbox may get in any ten minutes, over every campaign and kind (<see cref="MailboxLimits"/>).</summary>
    public int MailboxPerTenMinutes { get; set; } = MailboxLimits.DefaultPerTenMinutes;

    /// <summary>How many emails one inbox may get in any 24 hours; past it, an email is not sent and the signer can sign again tomorrow.</summary>
    public int MailboxPerDay { get; set; } = MailboxLimits.DefaultPerDay;

    /// <summary>
    /// How many emails to signers, endorsers and writers the app sends a minute, over every instance (0: no
    /// budget). Set it to the email service's quota; an admin can change it (<see cref="SendingBudget"/>).
    /// </summary>
    public int PerMinute { get; set; }

    /// <summary>
    /// How many queues confirmation emails are spread over (1 to 4), by the signature's partition: one queue
    /// takes about 2,000 messages a second (docs/scale.md). Each shard has its own trigger; unused ones are disabled.
    /// </summary>
    public int ConfirmationQueues { get; set; } = 1;

    public OutboxFolderOptions Outbox { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public AcsOptions Acs { get; set; } = new();
}
