using MimeKit;

namespace PetitionFunctions.Tests.Support;

/// <summary>Reads the .eml files the outbox transport wrote, as a mail client would.</summary>
public static class Outbox
{
    public static List<MimeMessage> To(string folder, string address)
    {
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.eml")
            .Order()
            .Select(file => MimeMessage.Load(file))
            .Where(message => message.To.Mailboxes.Any(m => m.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    public static async Task<List<MimeMessage>> WaitForAsync(string folder, string address, int count)
    {
        await Eventually.True(() => To(folder, address).Count >= count);
        return To(folder, address);
    }

    /// <summary>The confirm link in an email's plain-text part, as a path under /api/.</summary>
    public static string ConfirmPath(MimeMessage message)
    {
        var link = (message.TextBody ?? "").Split('\n').Select(line => line.Trim()).Single(line => line.Contains("/api/confirm/"));
        return link[(link.IndexOf("/api/", StringComparison.Ordinal) + "/api/".Length)..];
    }

    /// <summary>The withdraw link in an email's plain-text part, as a path under /api/ (with its <c>?lang=</c>).</summary>
    public static string WithdrawPath(MimeMessage message)
    {
        var link = (message.TextBody ?? "").Split('\n').Select(line => line.Trim()).Single(line => line.Contains("/api/withdraw/"));
        return link[(link.IndexOf("/api/", StringComparison.Ordinal) + "/api/".Length)..];
    }
}
