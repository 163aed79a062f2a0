using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Stories;

/// <summary>The receipt email with its withdraw link, sent by the queue function of the shared local host.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class StoryEmailTests(LocalHostFixture fixture)
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Http.BaseAddress };

    private TableClient StoriesTable => fixture.Service<TableServiceClient>().GetTableClient(StorageNames.StoriesTable);

    private async Task<List<TableEntity>> RowsAsync(string slug)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in StoriesTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"))) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task A_writer_who_asked_gets_a_receipt_in_spanish_and_its_link_withdraws_the_story_for_good()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        const string address = "lucero.tlapanco@example.org";

        var answer = await _http.PostAsync($"campaigns/{campaign.Slug}/stories", JsonContent.Create(new
        {
            story = "La patrulla me paró saliendo de la lavandería Tlapanco y terminé en el condado.",
            language = "es", name = "Lucero", contact = address, consent = "target_only", send_confirmation = true,
        }));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var email = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1));
        Assert.Equal("Recibimos su historia", email.Subject);
        Assert.DoesNotContain("lavandería", email.TextBody);
        await Eventually.True(async () => (await RowsAsync(campaign.Slug)).Single(r => r.RowKey.Length == 32).GetBoolean("EmailSent") == true);
        Assert.DoesNotContain(await RowsAsync(campaign.Slug), r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        var link = EmailLink.In(email, "stories/withdraw");
        Assert.Equal("stories/withdraw?lang=es", link.Path);

        // Opening the link (as a mail scanner would) changes nothing: the token stays in the fragment.
        var page = await _http.GetAsync(link.Path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.Contains("¿Retirar su historia?", await page.Content.ReadAsStringAsync());
        Assert.Single(await RowsAsync(campaign.Slug));

        // The button deletes it; every later post shows the same "withdrawn" page.
        var withdrawn = await link.FollowAsync(_http);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Contains("Su historia fue retirada", await withdrawn.Content.ReadAsStringAsync());
        Assert.Empty(await RowsAsync(campaign.Slug));
        var again = await link.FollowAsync(_http);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("retirada", await again.Content.ReadAsStringAsync());

        var logs = string.Join("\n", fixture.Logs.Lines);
        foreach (var secret in new[] { "Tlapanco", "lavandería", "lucero" }) Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tampered_link_or_a_confirm_link_does_not_withdraw_anything()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        await _http.PostAsync($"campaigns/{campaign.Slug}/stories", JsonContent.Create(new { story = "Keep me", consent = "internal" }));
        var id = (await RowsAsync(campaign.Slug)).Single().RowKey;
        var confirmToken = fixture.Service<LinkTokens>().Create(LinkTokens.ConfirmPurpose, campaign.Slug, id, TimeSpan.FromDays(1));
        var real = fixture.Service<LinkTokens>().Create("withdraw-story", campaign.Slug, id, TimeSpan.FromDays(1));
        var tampered = real[..^2] + (real[^2] == 'A' ? "B" : "A") + real[^1];

        foreach (var token in new[] { confirmToken, tampered, "nonsense" })
        {
            var answer = await new EmailLink("stories/withdraw", token).FollowAsync(_http);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }
        Assert.Single(await RowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task No_email_goes_to_a_writer_who_did_not_ask_for_one()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        const string address = "no-receipt-please@example.org";

        await _http.PostAsync($"campaigns/{campaign.Slug}/stories", JsonContent.Create(new
        {
            story = "Please do not write to me.", contact = address, may_contact = true, consent = "internal",
        }));
        var row = (await RowsAsync(campaign.Slug)).Single();

        Assert.False(row.GetBoolean("WantsEmail"));
        // Any email the story asked for would have been queued before the answer came back.
        await Drain.QueueAsync(fixture.Service<QueueServiceClient>(), StorageNames.StoryEmailsQueue);
        Assert.Empty(Outbox.To(fixture.OutboxFolder, address));
    }
}
