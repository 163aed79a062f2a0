using Microsoft.Extensions.Options;
using MimeKit;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Email;

public sealed class OutboxFolderTransportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "outbox-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _time = new(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));

    private static readonly EmailMessage Message = new(
        new EmailAddress("ana@example.org", "Ana Pérez"),
        "Confirma tu firma",
        "Hola Ana,\nconfirma tu firma: https://example.org/c/abc",
        "<p>Hola Ana,</p><p><a href=\"https://example.org/c/abc\">Confirma tu firma</a></p>");

    private OutboxFolderTransport Transport(string? folder = null) => new(
        Options.Create(new EmailOptions
        {
            SenderAddress = "noreply@petitions.example",
            SenderName = "Petition",
            ReplyTo = "team@petitions.example",
            Outbox = new OutboxFolderOptions { Folder = folder ?? _folder },
        }),
        _time);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Writes_an_eml_file_that_MimeKit_reads_back_with_both_parts()
    {
        var key = Guid.NewGuid();
        var transport = Transport();

        var result = await transport.SendAsync(Message, key, CancellationToken.None);

        Assert.IsType<EmailSendResult.Sent>(result);
        Assert.Equal(_folder, transport.Folder);
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal($"20250314-150926-{key:N}.eml", Path.GetFileName(file));

        var mime = await MimeMessage.LoadAsync(file);
        Assert.Equal("noreply@petitions.example", Assert.IsType<MailboxAddress>(Assert.Single(mime.From)).Address);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(mime.To));
        Assert.Equal("ana@example.org", to.Address);
        Assert.Equal("Ana Pérez", to.Name);
        Assert.Equal("team@petitions.example", Assert.IsType<MailboxAddress>(Assert.Single(mime.ReplyTo)).Address);
        Assert.Equal("Confirma tu firma", mime.Subject);
        Assert.Equal($"{key:N}@petitions.example", mime.MessageId);
        Assert.Equal(_time.GetUtcNow(), mime.Date);

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(2, alternative.Count);
        var plain = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(plain.IsPlain);
        Assert.True(html.IsHtml);
        Assert.Equal(Message.PlainText, plain.Text.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal(Message.Html, html.Text.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_writes_one_file()
    {
        var key = Guid.NewGuid();
        var transport = Transport();

        Assert.IsType<EmailSendResult.Sent>(await transport.SendAsync(Message, key, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(5)); // a retry later would get another time stamp in its name
        Assert.IsType<EmailSendResult.Sent>(await transport.SendAsync(Message, key, CancellationToken.None));
        // Another instance (a new process) sees the first file too.
        Assert.IsType<EmailSendResult.Sent>(await Transport().SendAsync(Message, key, CancellationToken.None));

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.EndsWith($"-{key:N}.eml", file);
    }

    [Fact]
    public async Task Concurrent_attempts_with_the_same_key_write_one_file()
    {
        var key = Guid.NewGuid();
        var transport = Transport();

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => transport.SendAsync(Message, key, CancellationToken.None))));

        Assert.All(results, r => Assert.IsType<EmailSendResult.Sent>(r));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Two_keys_write_two_files()
    {
        var transport = Transport();

        await transport.SendAsync(Message, Guid.NewGuid(), CancellationToken.None);
        await transport.SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(2, Directory.GetFiles(_folder, "*.eml").Length);
    }

    [Fact]
    public async Task Creates_a_missing_folder_and_resolves_a_relative_path_against_the_current_directory()
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(_folder, "nested", "deeper"));
        var transport = Transport(relative);

        Assert.Equal(Path.Combine(_folder, "nested", "deeper"), transport.Folder);
        await transport.SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        Assert.Single(Directory.GetFiles(transport.Folder, "*.eml"));
    }

    [Fact]
    public async Task An_unparsable_recipient_is_rejected_without_quoting_it()
    {
        var bad = Message with { To = new EmailAddress("not an address <<@>>") };

        var result = await Transport().SendAsync(bad, Guid.NewGuid(), CancellationToken.None);

        var rejected = Assert.IsType<EmailSendResult.Rejected>(result);
        Assert.DoesNotContain("not an address", rejected.Reason);
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder).Length > 0);
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
