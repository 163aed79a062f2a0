using System.Globalization;
using System.Text;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Delivery;

/// <summary>
/// The email to the target's office, in English (the office's language): plain text and HTML with the
/// same words, no images, no tracking, no links. It says what the petition asks and how many signed,
/// and lists the SHA-256 of every CSV part with how to check it.
/// </summary>
public static class DeliveryEmails
{
    /// <summary>Breakdowns list the largest entries; the rest add up in one line.</summary>
    public const int MaxBreakdownLines = 25;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static EmailMessage Part(DeliveryPacket packet, int partNumber, EmailAttachment attachment)
    {
        var campaign = packet.Campaign;
        var title = campaign.Title.En;
        var count = packet.Parts.Count;
        var partNote = count > 1 ? $" (part {partNumber} of {count})" : "";
        var subject = $"Petition delivery: {title}: {Many(packet.TotalConfirmed, "signature", "signatures")}{partNote}";

        var intro = new List<string>
        {
            $"To {campaign.Target.Name} ({campaign.Target.Title}),",
            $"On behalf of the people who signed \"{title}\", we deliver their signatures: {N(packet.TotalConfirmed)} confirmed in all, "
            + $"{N(packet.NewSinceLast)} new since our last delivery.",
        };
        var letterTitle = campaign.LetterText is not null ? "The letter" : "What the petition asks";
        var letter = campaign.LetterText?.En ?? campaign.Description.En;

        var figures = new List<(string Label, string Value)>
        {
            ("Confirmed signatures", N(packet.TotalConfirmed)),
            ("New since the last delivery", N(packet.NewSinceLast)),
            ("Delivery", $"{packet.Delivery.DeliveryId} ({packet.Delivery.Reason ?? packet.Delivery.Kind.ToString().ToLowerInvariant()})"),
            ("Signatures confirmed up to", packet.Delivery.RequestedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        };
        var regions = Lines(packet.Summary?.Breakdowns.Region);
        var sources = Lines(packet.Summary?.Breakdowns.Source);
        var asOf = packet.Summary?.UpdatedAt is { } updated
            ? $" (as counted at {updated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)})"
            : "";
        var attachmentNote = count > 1
            ? $"This email carries part {partNumber} of {count} of the list of signers ({attachment.Name}); each part is sent in its own email, and each is a complete spreadsheet with its own header row."
            : $"The list of signers is attached ({attachment.Name}).";
        var columns = "Columns: given name, family name, city, region, postal code, comment, date signed. No email addresses are included.";
        var hashes = packet.Parts.Select(p => $"{p.Name}: {Many(p.Rows, "signer", "signers")}, {Many(p.Bytes, "byte", "bytes")}, SHA-256 {p.Sha256}").ToList();
        const string verify = "To check that a file arrived exactly as sent, compare its SHA-256 with the one above: "
            + "sha256sum FILE (Linux), shasum -a 256 FILE (macOS), or Get-FileHash FILE (Windows PowerShell).";

        var text = new StringBuilder();
        foreach (var line in intro) text.Append(line).Append("\n\n");
        text.Append(letterTitle).Append(":\n\n").Append(letter).Append("\n\n");
        foreach (var (label, value) in figures) text.Append(label).Append(": ").Append(value).Append('\n');
        text.Append('\n');
        AppendBreakdown(text, $"By region{asOf}", regions, html: false);
        AppendBreakdown(text, $"By partner organisation{asOf}", sources, html: false);
        text.Append(attachmentNote).Append(' ').Append(columns).Append("\n\n");
        text.Append("Files of this delivery:\n");
        foreach (var line in hashes) text.Append("  ").Append(line).Append('\n');
        text.Append('\n').Append(verify).Append('\n');

        var html = new StringBuilder();
        html.Append(HtmlLayout.Paragraphs(intro));
        html.Append("<h2 style=\"font-size:18px\">").Append(Html.Encode(letterTitle)).Append("</h2>");
        html.Append(HtmlLayout.Paragraphs(letter.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, value) in figures)
            html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">").Append(Html.Encode(label)).Append("</th><td>").Append(Html.Encode(value)).Append("</td></tr>");
        html.Append("</table>");
        AppendBreakdown(html, $"By region{asOf}", regions, html: true);
        AppendBreakdown(html, $"By partner organisation{asOf}", sources, html: true);
        html.Append("<p>").Append(Html.Encode(attachmentNote)).Append(' ').Append(Html.Encode(columns)).Append("</p>");
        html.Append("<p>Files of this delivery:</p><ul>");
        foreach (var line in hashes) html.Append("<li><code>").Append(Html.Encode(line)).Append("</code></li>");
        html.Append("</ul>").Append(HtmlLayout.SmallPrint(verify));

        var to = new EmailAddress(campaign.Target.DeliveryEmail, campaign.Target.Name);
        return new EmailMessage(to, subject, text.ToString(), HtmlLayout.Document(Language.En, subject, html.ToString(), HtmlShell.WideEmail))
        {
            Cc = string.IsNullOrWhiteSpace(campaign.OwnerEmail) ? [] : [new EmailAddress(campaign.OwnerEmail.Trim())],
            Attachments = [attachment],
        };
    }

    /// <summary>"signers-{campaign}-{delivery}-part-2-of-3.csv".</summary>
    public static string FileName(string campaign, string deliveryId, int part, int parts) =>
        parts > 1 ? $"signers-{campaign}-{deliveryId}-part-{part}-of-{parts}.csv" : $"signers-{campaign}-{deliveryId}.csv";

    private static List<string> Lines(IReadOnlyDictionary<string, int>? counts)
    {
        if (counts is null || counts.Count == 0) return [];
        var ordered = counts.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var lines = ordered.Take(MaxBreakdownLines).Select(p => $"{p.Key}: {N(p.Value)}").ToList();
        if (ordered.Count > MaxBreakdownLines)
            lines.Add($"{ordered.Count - MaxBreakdownLines} more: {N(ordered.Skip(MaxBreakdownLines).Sum(p => p.Value))}");
        return lines;
    }

    private static void AppendBreakdown(StringBuilder text, string title, List<string> lines, bool html)
    {
        if (lines.Count == 0) return;
        if (html)
        {
            text.Append("<p><strong>").Append(Html.Encode(title)).Append("</strong></p><ul>");
            foreach (var line in lines) text.Append("<li>").Append(Html.Encode(line)).Append("</li>");
            text.Append("</ul>");
        }
        else
        {
            text.Append(title).Append(":\n");
            foreach (var line in lines) text.Append("  ").Append(line).Append('\n');
            text.Append('\n');
        }
    }

    /// <summary>A number with its noun, singular for one.</summary>
    private static string Many(long n, string one, string many) => $"{N(n)} {(n == 1 ? one : many)}";

    private static string N(long value) => value.ToString("N0", English);
}
