using System.Text;
using PetitionFunctions.Endorsements;

namespace PetitionFunctions.Tests.Endorsements;

public class EndorsementDeliveryTests
{
    private static readonly EndorserPacket Packet = new(
    [
        new(EndorsementScope.National, [new(EndorserKind.Organization, "Alpha, \"National\"", EndorsementScope.National, "Washington", "DC", "https://alpha.example/")]),
        new(EndorsementScope.Local, [new(EndorserKind.Organization, "'=Zeta", EndorsementScope.Local, "Queens", "NY", "https://zeta.example/")]),
        new(null, [new(EndorserKind.Individual, "Rev. Juan Ortiz", Locality: "Queens", Title: "Pastor", Affiliation: "Iglesia San Pablo")]),
    ]);

    [Fact]
    public void The_body_says_how_many_endorse_by_scope_and_lists_each_group()
    {
        var text = Packet.PlainText();

        Assert.Contains("2 organizations (1 national, 0 state, 1 local) and 1 individual leader endorse this letter.", text);
        Assert.True(text.IndexOf("National organizations (1)", StringComparison.Ordinal) < text.IndexOf("Local organizations (1)", StringComparison.Ordinal));
        Assert.Contains("  Alpha, \"National\" (Washington, DC)", text);
        Assert.Contains("  Rev. Juan Ortiz, Pastor, Iglesia San Pablo, Queens", text);
        Assert.Contains("Alpha, &quot;National&quot;", Packet.Html());
    }

    [Fact]
    public void The_csv_has_a_bom_a_header_quoted_fields_and_formula_safe_cells()
    {
        var bytes = Packet.Csv();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("scope,kind,name,title,affiliation,city,state,website", lines[0]);
        Assert.Equal("national,organization,\"Alpha, \"\"National\"\"\",,,Washington,DC,https://alpha.example/", lines[1]);
        Assert.Equal("local,organization,'=Zeta,,,Queens,NY,https://zeta.example/", lines[2]);
        Assert.Equal(",individual,Rev. Juan Ortiz,Pastor,Iglesia San Pablo,Queens,,", lines[3]);
        Assert.Equal(4, lines.Length);
    }
}

public class EndorsementDeliveryEmailTests
{
    private static readonly EndorserPacket Packet = new(
        [new(EndorsementScope.State, [new(EndorserKind.Organization, "NYIC", EndorsementScope.State, "New York", "NY", "https://nyic.org/")])]);

    private static readonly PetitionFunctions.Email.EmailMessage Delivery = new(
        new("office@example.org"), "Petition delivery", "The letter:\n\nEnd S-Comm.\n", "<html><body><p>End S-Comm.</p></body></html>")
    {
        Attachments = [PetitionFunctions.Email.EmailAttachment.FromBytes("signers.csv", "text/csv", [1])],
    };

    [Fact]
    public void The_endorsers_go_after_the_letter_in_both_bodies_and_their_csv_only_with_the_first_part()
    {
        var first = Packet.AddTo(Delivery, "letter", "manual-1", withCsv: true);
        var second = Packet.AddTo(Delivery, "letter", "manual-1", withCsv: false);

        Assert.StartsWith("The letter:\n\nEnd S-Comm.\n\nEndorsed by:", first.PlainText);
        Assert.Contains("State organizations (1):\n  NYIC (New York, NY)", first.PlainText);
        Assert.Matches("endorsers-letter-manual-1.csv, 1 rows, [0-9,]+ bytes, SHA-256 [0-9a-f]{64}", first.PlainText);
        Assert.EndsWith("</body></html>", first.Html);
        Assert.Contains("<h2 style=\"font-size:18px\">Endorsed by</h2>", first.Html);
        Assert.Equal(["signers.csv", "endorsers-letter-manual-1.csv"], first.Attachments.Select(a => a.Name));
        Assert.Equal(["signers.csv"], second.Attachments.Select(a => a.Name));
        Assert.Contains("NYIC (New York, NY)", second.PlainText);
        Assert.Equal(Delivery.To, first.To);
    }
}
