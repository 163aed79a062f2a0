using System.Net;
using System.Text;
using MimeKit;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Endorsements;

/// <summary>The issue's last step: an approved endorser appears in the letter's next delivery, grouped by scope, in the body and as a CSV.</summary>
public sealed class EndorsementDeliveryFlowTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task A_letter_s_delivery_carries_its_text_and_the_approved_endorsers_by_scope_in_the_body_and_as_a_csv()
    {
        var letter = await fixture.NewLetterAsync(c => c with
        {
            Target = new CampaignTarget("ICE", "Director", $"director-{c.Slug}@example.org"),
            LetterText = new("We ask you to suspend S-Comm now.", "Le pedimos que suspenda S-Comm ya."),
        });
        var url = $"campaigns/{letter.Slug}/endorsements";
        foreach (var (name, site, scope) in new[]
                 {
                     ("Casa Latina", "https://casalatina.example", "local"),
                     ("National Network", "https://network.example", "national"),
                     ("Not Yet Approved", "https://later.example", "state"),
                 })
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url,
                Endorse.Organization(name, site, $"ed@{new Uri(site).Host}", scope, listPublicly: name != "National Network"))).StatusCode);
        var keys = (await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements().ToDictionary(r => r.GetString("Name")!, r => r.RowKey);
        Assert.Equal(HttpStatusCode.OK, (await fixture.ModerateAsync(letter.Slug, "approved", keys["Casa Latina"], keys["National Network"])).StatusCode);

        // A letter counts its approved endorsements (listed or not), and takes no individual signatures.
        await fixture.Service<PetitionFunctions.Counting.CountRollup>().RollupAsync(CancellationToken.None);
        var count = System.Text.Json.JsonDocument.Parse(await fixture.Http.GetStringAsync($"campaigns/{letter.Slug}/count")).RootElement;
        Assert.Equal(2, count.GetProperty("count").GetInt32());
        var signed = await fixture.Http.PostAsync($"campaigns/{letter.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana.letter@example.org"));
        Assert.Equal(HttpStatusCode.NotFound, signed.StatusCode);
        Assert.Contains("not-a-petition", await signed.Content.ReadAsStringAsync());

        var requested = await fixture.AdminClient(AdminRoles.Admin).PostAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/deliveries"), null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);

        var packet = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, letter.Target.DeliveryEmail, 1));
        var text = packet.TextBody ?? "";
        Assert.Contains("We ask you to suspend S-Comm now.", text);
        Assert.Contains("2 organizations (1 national, 0 state, 1 local) endorse this letter.", text);
        Assert.True(text.IndexOf("National organizations (1):\n  National Network", StringComparison.Ordinal)
                    < text.IndexOf("Local organizations (1):\n  Casa Latina (New York, NY)", StringComparison.Ordinal));
        Assert.DoesNotContain("Not Yet Approved", text);
        Assert.Contains("Casa Latina (New York, NY)", packet.HtmlBody);
        Assert.DoesNotContain("ed@", text);

        var csv = packet.Attachments.OfType<MimePart>().Single(a => a.FileName?.StartsWith("endorsers-", StringComparison.Ordinal) == true);
        using var content = new MemoryStream();
        await csv.Content!.DecodeToAsync(content);
        var lines = Encoding.UTF8.GetString(content.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["scope,kind,name,title,affiliation,city,state,website",
            "national,organization,National Network,,,New York,NY,https://network.example/",
            "local,organization,Casa Latina,,,New York,NY,https://casalatina.example/"], lines);
        // A letter is endorsed, not signed: no signers' list, and the subject counts endorsements.
        Assert.DoesNotContain(packet.Attachments.OfType<MimePart>(), a => a.FileName?.StartsWith("signers-", StringComparison.Ordinal) == true);
        Assert.Equal($"Sign-on letter: {letter.Title.En}: 2 endorsements", packet.Subject);
        Assert.True(text.IndexOf("We ask you to suspend S-Comm now.", StringComparison.Ordinal) < text.IndexOf("Endorsed by:", StringComparison.Ordinal));
    }
}
