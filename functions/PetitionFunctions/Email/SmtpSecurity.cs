namespace PetitionFunctions.Email;

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,
    StartTls,
    SslOnConnect,
    /// <summary>No TLS: only for a server on this machine.</summary>
    None,
}
