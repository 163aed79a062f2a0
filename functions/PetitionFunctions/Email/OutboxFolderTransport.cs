using Microsoft.Extensions.Options;

namespace PetitionFunctions.Email;

/// <summary>
/// The local default transport: writes each message as an .eml file that any mail client opens.
/// Nothing leaves the machine. File name: "{UTC yyyyMMdd-HHmmss}-{idempotencyKey:N}.eml"; a second
/// attempt with the same key finds the first file and writes nothing.
/// </summary>
/// <remarks>
/// Idempotency is guaranteed within this process (a lock around check-and-move); two processes
/// writing the same key at the same instant into one folder could each write a file.
/// </remarks>
public sealed class OutboxFolderTransport(IOptions<EmailOptions> options, TimeProvider time) : IEmailTransport, IDisposable
{
    private readonly EmailOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The full path of the outbox folder (relative settings are resolved against the current directory).</summary>
    public string Folder { get; } = Path.GetFullPath(
        string.IsNullOrWhiteSpace(options.Value.Outbox.Folder) ? "outbox" : options.Value.Outbox.Folder);

    public async Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        MimeKit.MimeMessage mime;
        try
        {
            mime = MimeMessages.Build(message, _options, idempotencyKey, time.GetUtcNow());
        }
        catch (InvalidRecipientAddressException)
        {
            return new EmailSendResult.Rejected("invalid recipient address");
        }

        var key = idempotencyKey.ToString("N");
        string? temp = null;
        try
        {
            Directory.CreateDirectory(Folder);
            if (AlreadyWritten(key))
                return EmailSendResult.SentResult;

            // Write under a temporary name in the same folder (so the move is a rename), then move into
            // place: a reader never sees half a file, and the *.eml search never matches a temp file.
            temp = Path.Combine(Folder, $".{key}.{Guid.NewGuid():N}.tmp");
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             bufferSize: 16 * 1024, useAsync: true))
            {
                await mime.WriteToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            var final = Path.Combine(Folder, $"{time.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}-{key}.eml");
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (AlreadyWritten(key))
                    return EmailSendResult.SentResult;
                File.Move(temp, final, overwrite: false);
                temp = null;
            }
            finally
            {
                _gate.Release();
            }

            return EmailSendResult.SentResult;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The exception's message holds at most the folder path and the key, never personal data.
            throw new TransientEmailException("Could not write the email to the outbox folder.", inner: ex);
        }
        finally
        {
            if (temp is not null)
                TryDelete(temp);
        }
    }

    private bool AlreadyWritten(string key) =>
        Directory.EnumerateFiles(Folder, $"*-{key}.eml", SearchOption.TopDirectoryOnly).Any();

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    public void Dispose() => _gate.Dispose();
}
