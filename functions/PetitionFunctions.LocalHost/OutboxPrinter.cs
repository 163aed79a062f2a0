using System.Text.RegularExpressions;
using MimeKit;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// Prints each email the local run writes to the outbox folder, with its links, as it lands: a .eml file
/// wraps long lines (quoted-printable), so its links are awkward to copy out of it. Local runs only; the
/// app itself never prints a link.
/// </summary>
public sealed partial class OutboxPrinter : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly TextWriter _output;

    public OutboxPrinter(string folder, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        _output = output;
        _watcher = new FileSystemWatcher(folder, "*.eml") { EnableRaisingEvents = true };
        // The transport writes a temporary file and moves it into place.
        _watcher.Renamed += (_, e) => Print(e.FullPath);
        _watcher.Created += (_, e) => Print(e.FullPath);
    }

    private void Print(string path)
    {
        if (!path.EndsWith(".eml", StringComparison.OrdinalIgnoreCase)) return;
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(path);
        }
        catch (IOException)
        {
            return;
        }
        var links = Link().Matches(message.TextBody ?? "").Select(match => match.Value).Distinct().ToList();
        lock (_output)
        {
            _output.WriteLine($"Email to {message.To}: \"{message.Subject}\" ({Path.GetFileName(path)})");
            foreach (var link in links) _output.WriteLine($"  {link}");
        }
    }

    public void Dispose() => _watcher.Dispose();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
