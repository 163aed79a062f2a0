using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

[Collection(AbuseCollection.Name)]
public sealed class KillSwitchTests(AbuseFixture fixture)
{
    private Task<HttpResponseMessage> SignAsync(string slug, string query = "") =>
        fixture.Http.PostAsync($"campaigns/{slug}/signatures{query}", Requests.Osdi("Paz", "Ruiz", $"paz.{Guid.NewGuid():n}@example.org"));

    private static async Task AssertPausedAsync(HttpResponseMessage answer, string language = "en")
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        Assert.True(answer.Headers.RetryAfter!.Delta!.Value.TotalSeconds >= 1);
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:petition-functions:problem:intake-paused", problem.GetProperty("type").GetString());
        Assert.Equal(language, problem.GetProperty("language").GetString());
    }

    private async Task<HttpResponseMessage> PutCampaignAsync(HttpClient admin, string slug, Action<Dictionary<string, object>> change)
    {
        var document = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await admin.GetStringAsync($"manage/campaigns/{slug}"))!
            .ToDictionary(p => p.Key, p => (object)p.Value);
        change(document);
        return await admin.PutAsJsonAsync($"manage/campaigns/{slug}", document);
    }

    [Fact]
    public async Task A_paused_campaign_answers_503_to_signatures_while_its_reads_keep_working()
    {
        var campaign = await fixture.NewCampaignAsync();
        var other = await fixture.NewCampaignAsync();
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var paused = await PutCampaignAsync(admin, campaign.Slug, d => d["intake_paused"] = true);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.True(JsonDocument.Parse(await paused.Content.ReadAsStringAsync()).RootElement.GetProperty("intake_paused").GetBoolean());

        await AssertPausedAsync(await SignAsync(campaign.Slug, "?lang=es"), "es");
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"campaigns/{campaign.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/count")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(other.Slug)).StatusCode);

        // A document without the field keeps the switch as it is; false resumes.
        Assert.Equal(HttpStatusCode.OK, (await PutCampaignAsync(admin, campaign.Slug, d => d.Remove("intake_paused"))).StatusCode);
        await AssertPausedAsync(await SignAsync(campaign.Slug));
        Assert.Equal(HttpStatusCode.OK, (await PutCampaignAsync(admin, campaign.Slug, d => d["intake_paused"] = false)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug)).StatusCode);
    }

    [Fact]
    public async Task The_app_wide_switch_pauses_signatures_endorsements_and_stories_for_every_campaign()
    {
        var petition = await fixture.NewCampaignAsync();
        var letter = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Letter });
        var stories = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        using var deliverer = fixture.AdminClient(AdminRoles.Deliver);

        Assert.Equal(HttpStatusCode.Forbidden, (await deliverer.PutAsJsonAsync("manage/intake", new { paused = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.PutAsJsonAsync("manage/intake", new { paused = true })).StatusCode);
        var wrong = await admin.PutAsJsonAsync("manage/intake", new { paused = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True(JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("paused", out _));

        var set = await admin.PutAsJsonAsync("manage/intake", new { paused = true });
        try
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var state = JsonDocument.Parse(await admin.GetStringAsync("manage/intake")).RootElement;
            Assert.True(state.GetProperty("paused").GetBoolean());
            Assert.False(string.IsNullOrEmpty(state.GetProperty("changed_by").GetString()));

            await AssertPausedAsync(await SignAsync(petition.Slug));
            await AssertPausedAsync(await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements", JsonContent.Create(new { })));
            await AssertPausedAsync(await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", JsonContent.Create(new { story = "x" })));
            Assert.Empty(await fixture.SignatureRowsAsync(petition.Slug));
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"campaigns/{petition.Slug}/count")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"campaigns/{letter.Slug}/endorsements")).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("manage/intake", new { paused = false })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(petition.Slug)).StatusCode);
        // Past the switch, the empty endorsement is judged on its fields again.
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements", JsonContent.Create(new { }))).StatusCode);
    }
}
