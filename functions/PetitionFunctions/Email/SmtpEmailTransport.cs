using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PetitionFunctions.Email;

/// <summary>
/// Sends through any SMTP server with MailKit.
/// </summary>
/// <remarks>
/// One connection per message (connect, authenticate, send, QUIT): simple and robust, at the cost of a
/// handshake per email, which is fine at confirmation-email volumes. No protocol logger is attached,
/// because the SMTP transcript contains addresses and message text.
/// Exception messages never carry addresses or message text: the server's reply text (which often
/// quotes the address) is not copied, and <see cref="SmtpCommandException"/> (which holds the mailbox)
/// is never attached as an inner exception.
/// </remarks>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    private readonly EmailOptions _options = options.Value;

    public async Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        var smtp = _options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            throw new InvalidOperationException("Email:Smtp:Host is not configured.");

        MimeMessage mime;
        try
        {
            mime = MimeMessages.Build(message, _options, idempotencyKey);
        }
        catch (InvalidRecipientAddressException)
        {
            return new EmailSendResult.Rejected("invalid recipient address");
        }

        var timeout = smtp.Timeout > TimeSpan.Zero ? smtp.Timeout : TimeSpan.FromSeconds(30);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Timeout bounds each network operation (client.Timeout); the whole conversation gets three times that.
        timeoutSource.CancelAfter(timeout * 3);
        var token = timeoutSource.Token;

        using var client = new SmtpClient();
        client.Timeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, MapSecurity(smtp.Security), token);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", token);
            await client.SendAsync(mime, token);
            return EmailSendResult.SentResult;
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            if (code is >= 500 and < 600 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted
                    or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted)
                return new EmailSendResult.Rejected($"smtp {code} {Describe(ex.ErrorCode)}");

            // 4xx, or a 5xx outside a mail transaction (EHLO, AUTH...), which is a configuration problem
            // that retrying (and an alert on the poison queue) will surface rather than dropping the email.
            throw new TransientEmailException($"The SMTP server replied {code} ({Describe(ex.ErrorCode)}).");
        }
        catch (AuthenticationException)
        {
            throw new TransientEmailException("The SMTP server refused the SMTP credentials (Email:Smtp:UserName/Password).");
        }
        catch (SslHandshakeException ex)
        {
            throw new TransientEmailException("The TLS handshake with the SMTP server failed.", inner: ex);
        }
        catch (SmtpProtocolException ex)
        {
            throw new TransientEmailException("The SMTP conversation failed (protocol error).", inner: ex);
        }
        catch (ServiceNotConnectedException ex)
        {
            throw new TransientEmailException("The SMTP server closed the connection.", inner: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientEmailException("The SMTP server did not answer in time.", inner: ex);
        }
        catch (TimeoutException ex)
        {
            throw new TransientEmailException("The SMTP server did not answer in time.", inner: ex);
        }
        catch (SocketException ex)
        {
            throw new TransientEmailException($"Could not reach the SMTP server ({ex.SocketErrorCode}).", inner: ex);
        }
        catch (IOException ex)
        {
            throw new TransientEmailException("The connection to the SMTP server failed.", inner: ex);
        }
        finally
        {
            await QuitQuietlyAsync(client);
        }
    }

    private static async Task QuitQuietlyAsync(SmtpClient client)
    {
        if (!client.IsConnected)
            return;
        try
        {
            using var quit = new CancellationTokenSource(QuitTimeout);
            await client.DisconnectAsync(quit: true, quit.Token);
        }
        catch (Exception)
        {
            // Best effort. After a successful send a failed QUIT changes nothing (the server has the
            // message), so it must not turn a sent email into a retry; the socket is disposed anyway.
        }
    }

    internal static SecureSocketOptions MapSecurity(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Auto => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => throw new InvalidOperationException($"Unknown Email:Smtp:Security value {(int)security}."),
    };

    private static string Describe(SmtpErrorCode code) => code switch
    {
        SmtpErrorCode.RecipientNotAccepted => "recipient not accepted",
        SmtpErrorCode.SenderNotAccepted => "sender not accepted",
        SmtpErrorCode.MessageNotAccepted => "message not accepted",
        _ => "unexpected status",
    };
}
