using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

/// <summary>Attachments and copies (Cc) through all three transports: the bytes that arrive are the bytes sent.</summary>
public sealed class EmailAttachmentTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "attachment-tests-" + Guid.NewGuid().ToString("N"));

    // A CSV as deliveries send it: byte-order mark, CRLF, accents.
    private static readonly byte[] Csv = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("\"given_name\",\"city\"\r\n\"Ana\",\"Bogotá\"\r\n")];
    private static readonly byte[] Second = RandomNumberGenerator.GetBytes(5000);

    private static EmailMessage Message() => new(
        new EmailAddress("governor-office@example.org", "Office of the Governor"),
        "Petition delivery (part 1 of 2)",
        "Signatures attached.",
        "<p>Signatures attached.</p>")
    {
        Cc = [new EmailAddress("owner@example.org")],
        Attachments =
        [
            EmailAttachment.FromBytes("signers-part-1-of-2.csv", "text/csv; charset=utf-8", Csv),
            new EmailAttachment("data.bin", "application/octet-stream", () => new MemoryStream(Second)),
        ],
    };

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static void AssertAttachments(MimeMessage mime)
    {
        Assert.Equal(["owner@example.org"], mime.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal(["governor-office@example.org"], mime.To.Mailboxes.Select(m => m.Address));
        var mixed = Assert.IsType<Multipart>(mime.Body);
        Assert.Equal("mixed", mixed.ContentType.MediaSubtype);
        Assert.IsType<MultipartAlternative>(mixed[0]);
        var parts = mime.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["signers-part-1-of-2.csv", "data.bin"], parts.Select(p => p.FileName));
        Assert.Equal("text/csv", parts[0].ContentType.MimeType);
        Assert.Equal(ContentEncoding.Base64, parts[0].ContentTransferEncoding);
        Assert.Equal(Csv, Decoded(parts[0]));
        Assert.Equal(Second, Decoded(parts[1]));
        Assert.Equal("Signatures attached.", mime.TextBody?.TrimEnd());
    }

    private static byte[] Decoded(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task The_outbox_folder_writes_attachments_and_copies_that_a_mail_client_reads_back_byte_for_byte()
    {
        var transport = new OutboxFolderTransport(Options.Create(new EmailOptions
        {
            SenderAddress = "noreply@petitions.example",
            Outbox = new OutboxFolderOptions { Folder = _folder },
        }), TimeProvider.System);

        Assert.IsType<EmailSendResult.Sent>(await transport.SendAsync(Message(), Guid.NewGuid(), CancellationToken.None));

        AssertAttachments(await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_folder, "*.eml"))));
    }

    [Fact]
    public async Task A_message_without_attachments_keeps_its_plain_alternative_body()
    {
        var transport = new OutboxFolderTransport(Options.Create(new EmailOptions { Outbox = new OutboxFolderOptions { Folder = _folder } }), TimeProvider.System);

        await transport.SendAsync(new EmailMessage(new EmailAddress("ana@example.org"), "s", "t", "<p>h</p>"), Guid.NewGuid(), CancellationToken.None);

        var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_folder, "*.eml")));
        Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Empty(mime.Cc);
    }

    [Fact]
    public async Task An_unparsable_copy_address_is_rejected()
    {
        var transport = new OutboxFolderTransport(Options.Create(new EmailOptions { Outbox = new OutboxFolderOptions { Folder = _folder } }), TimeProvider.System);

        var result = await transport.SendAsync(Message() with { Cc = [new EmailAddress("not an address")] }, Guid.NewGuid(), CancellationToken.None);

        Assert.IsType<EmailSendResult.Rejected>(result);
    }

    [Fact]
    public async Task Acs_gets_cc_recipients_and_attachments_in_base64_with_name_and_content_type()
    {
        var bodies = new ConcurrentQueue<byte[]>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            bodies.Enqueue(buffer.ToArray());
            context.Response.StatusCode = 202;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"x","status":"Succeeded"}""");
        });
        await app.StartAsync();
        var endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var transport = new AcsEmailTransport(new EmailOptions
        {
            Transport = EmailTransportKind.Acs,
            SenderAddress = "DoNotReply@petitions.example",
            Acs = new AcsOptions { Endpoint = endpoint, AccessKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-test-access-key-of-32-bytes!!!")) },
        }, credential: null, new AcsEmailClientOptions());

        Assert.IsType<EmailSendResult.Sent>(await transport.SendAsync(Message(), Guid.NewGuid(), CancellationToken.None));

        using var json = JsonDocument.Parse(Assert.Single(bodies));
        var recipients = json.RootElement.GetProperty("recipients");
        Assert.Equal("governor-office@example.org", Assert.Single(recipients.GetProperty("to").EnumerateArray()).GetProperty("address").GetString());
        Assert.Equal("owner@example.org", Assert.Single(recipients.GetProperty("cc").EnumerateArray()).GetProperty("address").GetString());
        var attachments = json.RootElement.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(2, attachments.Count);
        Assert.Equal("signers-part-1-of-2.csv", attachments[0].GetProperty("name").GetString());
        Assert.Equal("text/csv; charset=utf-8", attachments[0].GetProperty("contentType").GetString());
        Assert.Equal(Csv, Convert.FromBase64String(attachments[0].GetProperty("contentInBase64").GetString()!));
        Assert.Equal(Second, Convert.FromBase64String(attachments[1].GetProperty("contentInBase64").GetString()!));
        await app.StopAsync();
    }

    [Fact]
    public async Task Acs_leaves_cc_and_attachments_out_when_there_are_none()
    {
        var bodies = new ConcurrentQueue<byte[]>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            bodies.Enqueue(buffer.ToArray());
            context.Response.StatusCode = 202;
            await context.Response.WriteAsync("""{"id":"x","status":"Succeeded"}""");
        });
        await app.StartAsync();
        var endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var transport = new AcsEmailTransport(new EmailOptions
        {
            Transport = EmailTransportKind.Acs,
            SenderAddress = "DoNotReply@petitions.example",
            Acs = new AcsOptions { Endpoint = endpoint, AccessKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-test-access-key-of-32-bytes!!!")) },
        }, credential: null, new AcsEmailClientOptions());

        await transport.SendAsync(new EmailMessage(new EmailAddress("ana@example.org"), "s", "t", "<p>h</p>"), Guid.NewGuid(), CancellationToken.None);

        using var json = JsonDocument.Parse(Assert.Single(bodies));
        Assert.False(json.RootElement.TryGetProperty("attachments", out _));
        Assert.False(json.RootElement.GetProperty("recipients").TryGetProperty("cc", out _));
        await app.StopAsync();
    }

    [Fact]
    public async Task Smtp_sends_to_the_copy_too_and_the_attachments_arrive_intact()
    {
        var received = new ConcurrentQueue<(IReadOnlyList<string> To, byte[] Data)>();
        var port = PetitionFunctions.LocalHost.ChildProcesses.FreePorts(1)[0];
        using var stop = new CancellationTokenSource();
        var services = new SmtpServiceProvider();
        services.Add(new CapturingStore(received));
        var server = new LoopbackSmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(), services);
        var running = server.StartAsync(stop.Token);
        try
        {
            var transport = new SmtpEmailTransport(Options.Create(new EmailOptions
            {
                Transport = EmailTransportKind.Smtp,
                SenderAddress = "noreply@petitions.example",
                Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(10) },
            }));
            EmailSendResult? result = null;
            for (var attempt = 0; result is null; attempt++)
            {
                try { result = await transport.SendAsync(Message(), Guid.NewGuid(), CancellationToken.None); }
                catch (TransientEmailException) when (attempt < 50) { await Task.Delay(100); } // the server is still starting
            }

            Assert.IsType<EmailSendResult.Sent>(result);
            var (to, data) = Assert.Single(received);
            Assert.Equal(["governor-office@example.org", "owner@example.org"], to.Order());
            using var stream = new MemoryStream(data);
            AssertAttachments(MimeMessage.Load(stream));
        }
        finally
        {
            stop.Cancel();
            try { await running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { }
        }
    }


    private sealed class CapturingStore(ConcurrentQueue<(IReadOnlyList<string> To, byte[] Data)> received) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            received.Enqueue((transaction.To.Select(m => m.AsAddress()).ToList(), buffer.ToArray()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
