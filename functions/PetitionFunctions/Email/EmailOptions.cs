namespace PetitionFunctions.Email;

public enum EmailTransportKind
{
    /// <summary>Writes each message as an .eml file into a folder: the local default.</summary>
    Outbox,
    /// <summary>Any SMTP server, through MailKit.</summary>
    Smtp,
    /// <summary>Azure Communication Services Email, through its REST API.</summary>
    Acs,
}

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

    public OutboxFolderOptions Outbox { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public AcsOptions Acs { get; set; } = new();
}

public sealed class OutboxFolderOptions
{
    /// <summary>Where .eml files are written; relative paths are under the working directory.</summary>
    public string Folder { get; set; } = "outbox";
}

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,
    StartTls,
    SslOnConnect,
    /// <summary>No TLS: only for a server on this machine.</summary>
    None,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class AcsOptions
{
    /// <summary>The Communication Services endpoint, https://{resource}.communication.azure.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>For development only: the resource's access key (HMAC). Without it, the managed identity is used.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty for DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string ApiVersion { get; set; } = "2025-09-01";

    /// <summary>How long to poll a send operation before treating it as a transient failure.</summary>
    public TimeSpan PollingTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
