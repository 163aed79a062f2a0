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

    public static EmailLink ConfirmLink(MimeMessage message) => EmailLink.In(message, "confirm");

    /// <summary>The withdraw link, with its <c>?lang=</c>.</summary>
    public static EmailLink WithdrawLink(MimeMessage message) => EmailLink.In(message, "withdraw");
}
