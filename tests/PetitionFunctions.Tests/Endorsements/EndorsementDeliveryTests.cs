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

    [Fact]
    public void A_letters_packet_leads_with_the_letter_then_its_endorsers_by_scope_with_their_csv_and_no_signers()
    {
        var letter = PetitionFunctions.LocalHost.DemoCampaigns.All.First(c => c.Kind == PetitionFunctions.Campaigns.CampaignKind.Letter);
        var delivery = new PetitionFunctions.Delivery.DeliveryRecord
        {
            Campaign = letter.Slug, DeliveryId = "manual-1", Kind = PetitionFunctions.Delivery.DeliveryKind.Manual,
            State = PetitionFunctions.Delivery.DeliveryState.Sending, RequestedAt = new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero),
        };
        var csv = Packet.Csv();
        var part = new PetitionFunctions.Delivery.DeliveredPart(1, EndorserPacket.FileName(letter.Slug, "manual-1"), 1, csv.Length,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv)));

        var email = PetitionFunctions.Delivery.DeliveryEmails.Letter(letter, delivery, Packet, 1, part,
            PetitionFunctions.Email.EmailAttachment.FromBytes(part.Name, EndorserPacket.ContentType, csv));

        Assert.Equal($"Sign-on letter: {letter.Title.En}: 1 endorsement", email.Subject);
        var text = email.PlainText;
        Assert.True(text.IndexOf("The letter:", StringComparison.Ordinal) < text.IndexOf("Endorsed by:", StringComparison.Ordinal));
        Assert.Contains((letter.LetterText ?? letter.Description).En.Split('\n')[0], text);
        Assert.Contains("1 organization (0 national, 1 state, 0 local) endorse this letter.", text);
        Assert.Contains("State organizations (1):\n  NYIC (New York, NY)", text);
        Assert.Contains($"{part.Name}: 1 endorser, {csv.Length:N0} bytes, SHA-256 {part.Sha256}", text);
        Assert.DoesNotContain("signers", text);
        Assert.DoesNotContain("1 endorsements", text);
        Assert.Equal([part.Name], email.Attachments.Select(a => a.Name));
        Assert.Contains("<h2 style=\"font-size:18px\">Endorsed by</h2>", email.Html);
        Assert.Equal(letter.Target.DeliveryEmail, email.To.Address);
    }
}
