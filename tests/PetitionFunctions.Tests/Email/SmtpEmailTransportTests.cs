using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PetitionFunctions.Email;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using LoopbackSmtpServer = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace PetitionFunctions.Tests.Email;

/// <summary>Real SMTP conversations with an in-process server (the SmtpServer library) on loopback.</summary>
public sealed class SmtpEmailTransportTests : IAsyncLifetime
{
    private const string RejectedAddress = "nobody@example.org";
    private const string BusyAddress = "busy@example.org";

    private readonly CapturingStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private LoopbackSmtpServer? _server;
    private Task? _running;
    private int _port;

    private static readonly EmailMessage Message = new(
        new EmailAddress("ana@example.org", "Ana Pérez"),
        "Confirma tu firma",
        "Hola Ana,\nconfirma tu firma: https://example.org/c/abc",
        "<p>Hola Ana,</p><p><a href=\"https://example.org/c/abc\">Confirma tu firma</a></p>");

    public async Task InitializeAsync()
    {
        _port = PetitionFunctions.LocalHost.ChildProcesses.FreePorts(1)[0];
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, _port)))
            .Build();
        var services = new SmtpServiceProvider();
        services.Add(_store);
        services.Add(new RecipientFilter());
        _server = new LoopbackSmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
        await WaitUntilListeningAsync(_port);
    }

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        if (_running is not null)
        {
            try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }

    private SmtpEmailTransport Transport(int? port = null, TimeSpan? timeout = null) => new(Options.Create(new EmailOptions
    {
        Transport = EmailTransportKind.Smtp,
        SenderAddress = "noreply@petitions.example",
        SenderName = "Petition",
        ReplyTo = "team@petitions.example",
        Smtp = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port ?? _port,
            Security = SmtpSecurity.None,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        },
    }));

    [Fact]
    public async Task Sends_a_multipart_message_the_server_receives_intact()
    {
        var key = Guid.NewGuid();

        var result = await Transport().SendAsync(Message, key, CancellationToken.None);

        Assert.IsType<EmailSendResult.Sent>(result);
        var received = Assert.Single(_store.Messages);
        Assert.Equal("noreply@petitions.example", received.Envelope.From);
        Assert.Equal(["ana@example.org"], received.Envelope.To);

        var mime = received.Parse();
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mime.From));
        Assert.Equal("noreply@petitions.example", from.Address);
        Assert.Equal("Petition", from.Name);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(mime.To));
        Assert.Equal("ana@example.org", to.Address);
        Assert.Equal("Ana Pérez", to.Name);
        Assert.Equal("team@petitions.example", Assert.IsType<MailboxAddress>(Assert.Single(mime.ReplyTo)).Address);
        Assert.Equal("Confirma tu firma", mime.Subject);
        Assert.Equal($"{key:N}@petitions.example", mime.MessageId);
        Assert.True(mime.Headers.Contains(HeaderId.Date));

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(2, alternative.Count);
        var plain = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(plain.IsPlain);
        Assert.True(html.IsHtml);
        Assert.Equal(Message.PlainText, plain.Text.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal(Message.Html, html.Text.ReplaceLineEndings("\n").TrimEnd('\n'));
    }

    [Fact]
    public async Task The_Message_Id_is_the_same_on_every_attempt_with_the_same_key()
    {
        var key = Guid.NewGuid();
        var transport = Transport();

        await transport.SendAsync(Message, key, CancellationToken.None);
        await transport.SendAsync(Message, key, CancellationToken.None);
        await transport.SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        var ids = _store.Messages.Select(m => m.Parse().MessageId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task A_recipient_refused_with_550_is_Rejected_and_the_reason_does_not_name_the_address()
    {
        var message = Message with { To = new EmailAddress(RejectedAddress) };

        var result = await Transport().SendAsync(message, Guid.NewGuid(), CancellationToken.None);

        var rejected = Assert.IsType<EmailSendResult.Rejected>(result);
        Assert.Contains("550", rejected.Reason);
        Assert.DoesNotContain("nobody", rejected.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.org", rejected.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task A_4xx_reply_is_transient_and_the_exception_does_not_name_the_address()
    {
        var message = Message with { To = new EmailAddress(BusyAddress) };

        var ex = await Assert.ThrowsAsync<TransientEmailException>(
            () => Transport().SendAsync(message, Guid.NewGuid(), CancellationToken.None));

        Assert.Contains("451", ex.Message);
        Assert.DoesNotContain("busy", ex.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(ex.InnerException);
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task A_closed_port_is_transient()
    {
        var closed = PetitionFunctions.LocalHost.ChildProcesses.FreePorts(1)[0];

        var ex = await Assert.ThrowsAsync<TransientEmailException>(
            () => Transport(port: closed).SendAsync(Message, Guid.NewGuid(), CancellationToken.None));

        Assert.DoesNotContain("ana@", ex.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_transient_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = silent.AcceptTcpClientAsync(); // connects, then never sends a greeting

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<TransientEmailException>(
            () => Transport(port: port, timeout: TimeSpan.FromSeconds(1)).SendAsync(Message, Guid.NewGuid(), CancellationToken.None));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_a_transient_failure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Transport().SendAsync(Message, Guid.NewGuid(), cancelled.Token));
    }

    [Fact]
    public async Task A_missing_host_is_a_configuration_error_at_first_use()
    {
        var transport = new SmtpEmailTransport(Options.Create(new EmailOptions { Smtp = new SmtpOptions { Host = " " } }));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => transport.SendAsync(Message, Guid.NewGuid(), CancellationToken.None));
    }

    [Theory]
    [InlineData(SmtpSecurity.Auto, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData(SmtpSecurity.StartTls, SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.SslOnConnect, SecureSocketOptions.SslOnConnect)]
    [InlineData(SmtpSecurity.None, SecureSocketOptions.None)]
    public void Security_settings_map_to_MailKit_options(SmtpSecurity security, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpEmailTransport.MapSecurity(security));


    private static async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private sealed record Envelope(string From, IReadOnlyList<string> To);

    private sealed record Received(Envelope Envelope, byte[] Data)
    {
        public MimeMessage Parse()
        {
            using var stream = new MemoryStream(Data);
            return MimeMessage.Load(stream);
        }
    }

    private sealed class CapturingStore : MessageStore
    {
        private readonly ConcurrentQueue<Received> _messages = new();

        public IReadOnlyList<Received> Messages => _messages.ToArray();

        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            _messages.Enqueue(new Received(
                new Envelope(transaction.From.AsAddress(), transaction.To.Select(m => m.AsAddress()).ToList()),
                buffer.ToArray()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    /// <summary>Refuses <see cref="RejectedAddress"/> with 550 and answers 451 for <see cref="BusyAddress"/>.</summary>
    private sealed class RecipientFilter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            if (string.Equals(address, BusyAddress, StringComparison.OrdinalIgnoreCase))
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)451, $"4.2.0 {address} is busy, try later"));
            // false makes SmtpServer reply 550 (mailbox unavailable).
            return Task.FromResult(!string.Equals(address, RejectedAddress, StringComparison.OrdinalIgnoreCase));
        }
    }
}
