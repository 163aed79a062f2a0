using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>PATCH /api/manage/campaigns/{slug}: a JSON merge patch (RFC 7396) changes only what it names; PUT still wants the whole document.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class CampaignPatchTests(LocalHostFixture fixture)
{
    private static HttpContent Patch(string json) => new StringContent(json, Encoding.UTF8, "application/merge-patch+json");

    private static async Task<JsonElement> JsonOf(HttpResponseMessage answer) => JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_patch_changes_only_what_it_names_merges_inside_objects_and_null_removes_a_setting()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { OwnerEmail = "owner@example.org" });
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var before = await JsonOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}"));

        var patched = await admin.PatchAsync($"manage/campaigns/{campaign.Slug}",
            Patch("""{"allowed_origins": ["http://localhost:8080", "https://partner.example", "https://new-partner.example"], "delivery": {"every": 500}, "owner_email": null, "title": {"es": "Nuevo título"}}"""));

        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var after = await JsonOf(patched);
        Assert.Contains("https://new-partner.example", after.GetProperty("allowed_origins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(500, after.GetProperty("delivery").GetProperty("every").GetInt32());
        Assert.Equal(before.GetProperty("delivery").GetProperty("at_close").GetBoolean(), after.GetProperty("delivery").GetProperty("at_close").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("owner_email").ValueKind);
        Assert.Equal("Nuevo título", after.GetProperty("title").GetProperty("es").GetString());
        Assert.Equal(before.GetProperty("title").GetProperty("en").GetString(), after.GetProperty("title").GetProperty("en").GetString());
        foreach (var unchanged in new[] { "description", "target", "goal", "state", "return_urls", "kind" })
            Assert.Equal(before.GetProperty(unchanged).GetRawText(), after.GetProperty(unchanged).GetRawText());
        Assert.Equal(after.GetRawText(), (await JsonOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}"))).GetRawText());
    }

    [Theory]
    [InlineData("""{"goal": null}""", "goal")]
    [InlineData("""{"slug": "another-slug"}""", "slug")]
    [InlineData("""{"allowed_origins": ["not an origin"]}""", "allowed_origins[0]")]
    [InlineData("""[{"op": "replace", "path": "/goal", "value": 5}]""", "body")]
    [InlineData("""{"goal": """, "body")]
    public async Task A_bad_patch_is_refused_field_by_field_and_changes_nothing(string patch, string field)
    {
        var campaign = await fixture.NewCampaignAsync();
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var before = (await JsonOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}"))).GetRawText();

        var answer = await admin.PatchAsync($"manage/campaigns/{campaign.Slug}", Patch(patch));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        Assert.True((await JsonOf(answer)).GetProperty("errors").TryGetProperty(field, out _), await answer.Content.ReadAsStringAsync());
        Assert.Equal(before, (await JsonOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}"))).GetRawText());
    }

    [Fact]
    public async Task A_put_wants_the_whole_document_and_names_every_missing_field()
    {
        var campaign = await fixture.NewCampaignAsync();
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        var answer = await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}", new { allowed_origins = new[] { "https://new-partner.example" } });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await JsonOf(answer)).GetProperty("errors");
        foreach (var field in new[] { "kind", "goal" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Patching_a_missing_campaign_is_404_and_a_text_body_is_415()
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsync("manage/campaigns/no-such-campaign", Patch("{}"))).StatusCode);
        var campaign = await fixture.NewCampaignAsync();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await admin.PatchAsync($"manage/campaigns/{campaign.Slug}", new StringContent("{}", Encoding.UTF8, "text/plain"))).StatusCode);
    }
}
