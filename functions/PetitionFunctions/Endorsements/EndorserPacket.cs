using System.Globalization;
using System.Text;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The endorsers a letter's delivery carries: every endorsement approved up to the delivery's time,
/// grouped national, state, local, then individual leaders. As a section of the email body (text and
/// HTML) and as a CSV attachment. Organisations appear under their own name; an organisation's signer
/// (name, email, phone) is never delivered.
/// </summary>
public sealed record EndorserPacket(IReadOnlyList<EndorserGroup> Groups)
{
    public const string ContentType = "text/csv; charset=utf-8";
    public static readonly string[] Columns = ["scope", "kind", "name", "title", "affiliation", "city", "state", "website"];

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public int Count => Groups.Sum(g => g.Endorsers.Count);

    public int Organizations => Groups.Where(g => g.Scope is not null).Sum(g => g.Endorsers.Count);

    public static string GroupTitle(EndorsementScope? scope) => scope switch
    {
        EndorsementScope.National => "National organizations",
        EndorsementScope.State => "State organizations",
        EndorsementScope.Local => "Local organizations",
        _ => "Individual leaders",
    };

    /// <summary>"63 organizations (12 national, 20 state, 31 local) and 5 individual leaders."</summary>
    public string Summary()
    {
        int In(EndorsementScope scope) => Groups.Where(g => g.Scope == scope).Sum(g => g.Endorsers.Count);
        var leaders = Count - Organizations;
        var text = $"{Organizations.ToString("N0", English)} organization{(Organizations == 1 ? "" : "s")} " +
                   $"({In(EndorsementScope.National)} national, {In(EndorsementScope.State)} state, {In(EndorsementScope.Local)} local)";
        return leaders > 0 ? $"{text} and {leaders.ToString("N0", English)} individual leader{(leaders == 1 ? "" : "s")} endorse this letter." : $"{text} endorse this letter.";
    }

    public static string Line(PublicEndorsement e)
    {
        var place = string.Join(", ", new[] { e.Locality, e.Region }.Where(p => !string.IsNullOrEmpty(p)));
        return e.Kind == EndorserKind.Individual
            ? string.Join(", ", new[] { e.Name, e.Title, e.Affiliation, place }.Where(p => !string.IsNullOrEmpty(p)))
            : e.Name + (place.Length > 0 ? $" ({place})" : "");
    }

    public string PlainText()
    {
        var text = new StringBuilder("Endorsed by:\n\n").Append(Summary()).Append("\n\n");
        foreach (var group in Groups)
        {
            text.Append(GroupTitle(group.Scope)).Append(" (").Append(group.Endorsers.Count).Append("):\n");
            foreach (var endorser in group.Endorsers) text.Append("  ").Append(Line(endorser)).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }

    public string Html()
    {
        var html = new StringBuilder("<h2 style=\"font-size:18px\">Endorsed by</h2><p>").Append(Common.Html.Encode(Summary())).Append("</p>");
        foreach (var group in Groups)
        {
            html.Append("<p><strong>").Append(Common.Html.Encode($"{GroupTitle(group.Scope)} ({group.Endorsers.Count})")).Append("</strong></p><ul>");
            foreach (var endorser in group.Endorsers) html.Append("<li>").Append(Common.Html.Encode(Line(endorser))).Append("</li>");
            html.Append("</ul>");
        }
        return html.ToString();
    }

    /// <summary>UTF-8 with a byte-order mark (so spreadsheets read accents), CRLF lines, every field quoted when needed and formula-safe.</summary>
    public byte[] Csv()
    {
        var csv = new StringBuilder();
        AppendLine(csv, Columns);
        foreach (var group in Groups)
        foreach (var e in group.Endorsers)
            AppendLine(csv, [
                e.Scope?.ToString().ToLowerInvariant() ?? "", e.Kind.ToString().ToLowerInvariant(), e.Name, e.Title ?? "", e.Affiliation ?? "",
                e.Locality ?? "", e.Region ?? "", e.Website ?? "",
            ]);
        return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public EmailAttachment Attachment(string fileName) => EmailAttachment.FromBytes(fileName, ContentType, Csv());

    /// <summary>"endorsers-{letter}-{delivery}.csv".</summary>
    public static string FileName(string campaign, string deliveryId) => $"endorsers-{campaign}-{deliveryId}.csv";

    private static void AppendLine(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.Append(string.Join(',', fields.Select(field =>
        {
            var safe = SpreadsheetSafety.Neutralize(field);
            return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
        }))).Append("\r\n");
    }
}
