using System.Globalization;
using System.Text;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Stories;
using PetitionFunctions.Campaigns;

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

        string[] intro =
        [
            $"To {campaign.Target.Name} ({campaign.Target.Title}),",
            $"On behalf of the people who signed \"{title}\", we deliver their signatures: {N(packet.TotalConfirmed)} confirmed in all, "
            + $"{N(packet.NewSinceLast)} new since our last delivery.",
        ];
        var figures = Figures(packet.Delivery, ("Confirmed signatures", packet.TotalConfirmed), packet.NewSinceLast, "Signatures confirmed up to");
        var asOf = packet.Summary?.UpdatedAt is { } updated ? $" (as counted at {Time(updated)})" : "";
        var breakdowns = new StringBuilder();
        var breakdownsHtml = new StringBuilder();
        foreach (var (name, counts) in new[] { ("By region", packet.Summary?.Breakdowns.Region), ("By partner organisation", packet.Summary?.Breakdowns.Source) })
        {
            AppendBreakdown(breakdowns, name + asOf, Lines(counts), html: false);
            AppendBreakdown(breakdownsHtml, name + asOf, Lines(counts), html: true);
        }
        var attachmentNote = (count > 1
            ? $"This email carries part {partNumber} of {count} of the list of signers ({attachment.Name}); each part is sent in its own email, and each is a complete spreadsheet with its own header row."
            : $"The list of signers is attached ({attachment.Name}).")
            + " Columns: given name, family name, city, region, postal code, comment, date signed. No email addresses are included.";
        var files = packet.Parts.Select(p => $"{p.Name}: {Many(p.Rows, "signer", "signers")}, {Many(p.Bytes, "byte", "bytes")}, SHA-256 {p.Sha256}");
        return Compose(campaign, subject, intro, campaign.LetterText is not null ? "The letter" : "What the petition asks",
            (breakdowns.ToString(), breakdownsHtml.ToString()), figures, attachmentNote, files, attachment);
    }

    /// <summary>
    /// A sign-on letter's packet, one email: the letter first, then who endorses it, by scope, and their CSV
    /// attached with its SHA-256. Letters are endorsed by organisations (and leaders where allowed), not
    /// signed by individuals.
    /// </summary>
    public static EmailMessage Letter(Campaign campaign, DeliveryRecord delivery, EndorserPacket endorsers, int newSinceLast, DeliveredPart part, EmailAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(endorsers);
        ArgumentNullException.ThrowIfNull(part);
        var title = campaign.Title.En;
        var subject = $"Sign-on letter: {title}: {Many(endorsers.Count, "endorsement", "endorsements")}";
        string[] intro =
        [
            $"To {campaign.Target.Name} ({campaign.Target.Title}),",
            $"We deliver the letter \"{title}\" and its endorsements. {endorsers.Summary()}",
        ];
        var figures = Figures(delivery, ("Endorsements", endorsers.Count), newSinceLast, "Endorsements approved up to");
        var attachmentNote = $"The endorsers are attached ({part.Name}). Columns: scope, kind, name, title, affiliation, city, state, website. "
                             + "No email addresses or phone numbers are included.";
        string[] files = [$"{part.Name}: {Many(part.Rows, "endorser", "endorsers")}, {Many(part.Bytes, "byte", "bytes")}, SHA-256 {part.Sha256}"];
        return Compose(campaign, subject, intro, "The letter", (endorsers.PlainText(), endorsers.Html()), figures, attachmentNote, files, attachment);
    }

    /// <summary>A story collection's packet: the chosen stories, redacted, in the body and in the attached text file.</summary>
    public static EmailMessage Stories(Campaign campaign, DeliveryRecord delivery, IReadOnlyList<RedactedStory> stories, int newSinceLast, DeliveredPart part, EmailAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(part);
        var title = campaign.Title.En;
        var subject = $"Stories delivery: {title}: {Many(stories.Count, "story", "stories")}";
        string[] intro =
        [
            $"To {campaign.Target.Name} ({campaign.Target.Title}),",
            $"On behalf of the people who shared their stories with \"{title}\", we deliver {Many(stories.Count, "story", "stories")}. "
            + "Each is sent with its writer's consent and edited to protect them: no contact details, and a name only where the writer asked for it.",
        ];
        var figures = Figures(delivery, ("Stories", stories.Count), newSinceLast, "Stories received up to");
        var html = new StringBuilder();
        foreach (var (story, number) in stories.Select((story, i) => (story, i + 1)))
        {
            html.Append("<h3 style=\"font-size:16px\">").Append(Html.Encode(StoryHeading(story, number))).Append("</h3>");
            foreach (var (label, text) in StoryTexts(story))
                html.Append(label is null ? "" : $"<p><em>{Html.Encode(label)}</em></p>").Append(HtmlLayout.Paragraphs(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
        string[] files = [$"{part.Name}: {Many(part.Rows, "story", "stories")}, {Many(part.Bytes, "byte", "bytes")}, SHA-256 {part.Sha256}"];
        return Compose(campaign, subject, intro, "What the campaign asks", (StoriesFile(stories), html.ToString()), figures,
            $"The same stories are attached as a text file ({part.Name}).", files, attachment);
    }

    /// <summary>The stories as plain text: the packet's body and its attached file, the same words.</summary>
    public static string StoriesFile(IReadOnlyList<RedactedStory> stories)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var text = new StringBuilder();
        foreach (var (story, number) in stories.Select((story, i) => (story, i + 1)))
        {
            text.Append(StoryHeading(story, number)).Append("\n\n");
            foreach (var (label, words) in StoryTexts(story))
                text.Append(label is null ? "" : label + "\n").Append(words.Trim()).Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>"stories-{campaign}-{delivery}.txt".</summary>
    public static string StoriesFileName(string campaign, string deliveryId) => $"stories-{campaign}-{deliveryId}.txt";

    private static string StoryHeading(RedactedStory story, int number) =>
        $"Story {number}, {(story.Name is { } name ? "from " + name : "anonymous")}, received {story.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
        + (story.OriginalLanguage == Language.Es ? ", told in Spanish" : "");

    /// <summary>The English text first (the office's language), and the Spanish beside it where the admin wrote one.</summary>
    private static IEnumerable<(string? Label, string Text)> StoryTexts(RedactedStory story)
    {
        if (story.En is { } en) yield return (story.Es is null ? null : "In English:", en);
        if (story.Es is { } es) yield return (story.En is null ? null : "En español:", es);
    }

    /// <summary>The packet's table: how many in all, how many new, which delivery, and up to when.</summary>
    private static List<(string Label, string Value)> Figures(DeliveryRecord delivery, (string Label, int Count) total, int newSinceLast, string upToLabel) =>
    [
        (total.Label, N(total.Count)),
        ("New since the last delivery", N(newSinceLast)),
        ("Delivery", $"{delivery.DeliveryId} ({delivery.Reason ?? delivery.Kind.ToString().ToLowerInvariant()})"),
        (upToLabel, Time(delivery.RequestedAt)),
    ];

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// What every packet email says, in this order: the greeting and what is delivered, the letter (or what
    /// the petition asks), what the kind adds (breakdowns, endorsers), the figures, what is attached, and the
    /// files with their SHA-256 and how to check them. To the target, with a copy to the campaign's owner.
    /// </summary>
    private static EmailMessage Compose(Campaign campaign, string subject, IReadOnlyList<string> intro, string letterTitle,
        (string Text, string Html) middle, List<(string Label, string Value)> figures, string attachmentNote, IEnumerable<string> files, EmailAttachment attachment)
    {
        var letter = campaign.LetterText?.En ?? campaign.Description.En;
        var hashes = files.ToList();
        const string verify = "To check that a file arrived exactly as sent, compare its SHA-256 with the one above: "
            + "sha256sum FILE (Linux), shasum -a 256 FILE (macOS), or Get-FileHash FILE (Windows PowerShell).";

        var text = new StringBuilder();
        foreach (var line in intro) text.Append(line).Append("\n\n");
        text.Append(letterTitle).Append(":\n\n").Append(letter).Append("\n\n");
        text.Append(middle.Text);
        foreach (var (label, value) in figures) text.Append(label).Append(": ").Append(value).Append('\n');
        text.Append('\n').Append(attachmentNote).Append("\n\n");
        text.Append("Files of this delivery:\n");
        foreach (var line in hashes) text.Append("  ").Append(line).Append('\n');
        text.Append('\n').Append(verify).Append('\n');

        var html = new StringBuilder();
        html.Append(HtmlLayout.Paragraphs(intro));
        html.Append("<h2 style=\"font-size:18px\">").Append(Html.Encode(letterTitle)).Append("</h2>");
        html.Append(HtmlLayout.Paragraphs(letter.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        html.Append(middle.Html);
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, value) in figures)
            html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">").Append(Html.Encode(label)).Append("</th><td>").Append(Html.Encode(value)).Append("</td></tr>");
        html.Append("</table>");
        html.Append("<p>").Append(Html.Encode(attachmentNote)).Append("</p>");
        html.Append("<p>Files of this delivery:</p><ul>");
        foreach (var line in hashes) html.Append("<li><code>").Append(Html.Encode(line)).Append("</code></li>");
        html.Append("</ul>").Append(HtmlLayout.SmallPrint(verify));
        if (SentBy(campaign) is { } sentBy)
        {
            text.Append('\n').Append(sentBy).Append('\n');
            html.Append(HtmlLayout.Paragraph(sentBy));
        }

        var to = new EmailAddress(campaign.Target.DeliveryEmail, campaign.Target.Name);
        return new EmailMessage(to, subject, text.ToString(), HtmlLayout.Document(Language.En, subject, html.ToString(), HtmlShell.WideEmail))
        {
            Cc = string.IsNullOrWhiteSpace(campaign.OwnerEmail) ? [] : [new EmailAddress(campaign.OwnerEmail.Trim())],
            Attachments = [attachment],
            SenderName = campaign.Coalition?.Name,
            ReplyTo = campaign.Coalition?.ReplyTo ?? campaign.OwnerEmail?.Trim(),
        };
    }

    /// <summary>"Sent by the New York Immigration Coalition. Contact: …; replies reach …": who the office can answer.</summary>
    private static string? SentBy(Campaign campaign)
    {
        if (campaign.Coalition is not { } coalition) return null;
        var line = $"Sent by {coalition.Name}.";
        if (coalition.Contact is { Length: > 0 } contact) line += $" Contact: {contact}.";
        if ((coalition.ReplyTo ?? campaign.OwnerEmail) is { Length: > 0 } replyTo) line += $" Replies to this email reach {replyTo.Trim()}.";
        return line;
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
