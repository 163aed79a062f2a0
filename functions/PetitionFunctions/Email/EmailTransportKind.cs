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
