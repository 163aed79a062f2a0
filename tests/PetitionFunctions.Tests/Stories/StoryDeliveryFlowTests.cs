using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MimeKit;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Stories;

/// <summary>
/// Stories marked for delivery reach the target over HTTP end to end: an admin redacts and chooses them
/// within each writer's consent, asks for a delivery, and the packet carries the redacted words only.
/// </summary>
public sealed class StoryDeliveryFlowTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task The_chosen_redacted_stories_are_delivered_within_consent_and_nothing_else_is()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with
        {
            Kind = CampaignKind.Stories,
            Target = new CampaignTarget("Office of the Governor", "Governor", $"governor-{c.Slug}@example.org"),
        });
        using var admin = fixture.AdminClient(AdminRoles.Stories);
        var named = await SubmitAsync(campaign.Slug, "publish_with_name", "Me detuvieron saliendo de la lavandería Tlapanco.", "Xochitl Ybarra");
        var targetOnly = await SubmitAsync(campaign.Slug, "target_only", "My cousin was held for three months in Batavia.", "Dolores Ruiz");
        var internalOnly = await SubmitAsync(campaign.Slug, "internal", "Only for the organisers: the raid on 5th street.", "Marta Gil");
        var notChosen = await SubmitAsync(campaign.Slug, "publish_anonymously", "A story nobody chose for the packet.", "Rosa Vega");

        await ChooseAsync(admin, campaign.Slug, named, new { en = "They stopped me leaving the laundromat.", es = "Me detuvieron saliendo de la lavandería." }, deliver: true);
        await ChooseAsync(admin, campaign.Slug, targetOnly, new { en = "A relative was held for three months." }, deliver: true);
        // The writer kept it internal: it cannot be chosen for the target.
        Assert.Equal(HttpStatusCode.BadRequest, (await ChooseAsync(admin, campaign.Slug, internalOnly, new { en = "The raid." }, deliver: true)).StatusCode);
        await ChooseAsync(admin, campaign.Slug, notChosen, new { en = "A story." }, deliver: false);

        using var deliverer = fixture.AdminClient(AdminRoles.Deliver);
        var requested = await deliverer.PostAsync($"manage/campaigns/{campaign.Slug}/deliveries", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);

        var packet = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, campaign.Target.DeliveryEmail, 1));
        Assert.Equal($"Stories delivery: {campaign.Title.En}: 2 stories", packet.Subject);
        var text = packet.TextBody ?? "";
        Assert.Contains("Story 1, from Xochitl Ybarra", text);
        Assert.Contains("They stopped me leaving the laundromat.", text);
        Assert.Contains("En español:", text);
        Assert.Contains("Story 2, anonymous", text);
        Assert.Contains("A relative was held for three months.", text);
        foreach (var secret in new[] { "Tlapanco", "Batavia", "Dolores", "raid", "nobody chose", "Marta", "Rosa", "@" + "example.org\n" })
            Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain("Tlapanco", packet.HtmlBody);

        var file = Assert.Single(packet.Attachments.OfType<MimePart>());
        using var content = new MemoryStream();
        await file.Content!.DecodeToAsync(content);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(content.ToArray())), text);
        await Eventually.True(async () => (await deliverer.GetStringAsync($"manage/campaigns/{campaign.Slug}/deliveries")).Contains("\"sent\"", StringComparison.Ordinal));
    }

    private async Task<string> SubmitAsync(string slug, string consent, string story, string name)
    {
        var before = await IdsAsync(slug);
        var answer = await fixture.Http.PostAsync($"campaigns/{slug}/stories", JsonContent.Create(new
        {
            story, name, consent, language = story.StartsWith("Me ", StringComparison.Ordinal) ? "es" : "en", contact = $"{Guid.NewGuid():n}@example.org",
        }));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return Assert.Single((await IdsAsync(slug)).Except(before));
    }

    private async Task<List<string>> IdsAsync(string slug) =>
        await fixture.Service<Azure.Data.Tables.TableServiceClient>().GetTableClient(PetitionFunctions.Common.StorageNames.StoriesTable)
            .QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == slug).Where(r => r.RowKey.Length == 32).Select(r => r.RowKey).ToListAsync();

    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient admin, string slug, string id, object redaction, bool deliver)
    {
        var url = $"manage/campaigns/{slug}/stories/{id}";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(url + "/redaction", redaction)).StatusCode);
        var approval = await admin.PutAsJsonAsync(url + "/approval", new { include_in_delivery = deliver });
        if (approval.StatusCode == HttpStatusCode.OK) Assert.Equal(deliver, (await approval.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("include_in_delivery").GetBoolean());
        return approval;
    }
}
