using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>
/// A campaign's kind is fixed once it exists: turned into a petition, a stories campaign's stories would
/// be out of reach of the stories admins, of the retention sweep and of an erasure, all of which look
/// only at stories campaigns.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class CampaignKindTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task An_update_cannot_change_a_campaigns_kind_and_its_stories_stay_within_reach()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        var story = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/stories",
            JsonContent.Create(new { story = "A story that must stay within the moderators' reach.", consent = "internal", language = "en" }));
        Assert.Equal(HttpStatusCode.Accepted, story.StatusCode);
        var admin = fixture.AdminClient(AdminRoles.Admin, AdminRoles.Stories);
        var document = JsonNode.Parse(await admin.GetStringAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{campaign.Slug}")))!.AsObject();
        document["kind"] = "petition";

        var update = await admin.PutAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{campaign.Slug}"),
            new StringContent(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        var problem = JsonDocument.Parse(await update.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["kind"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(AdminMessages.KindMismatch.In(Language.En), problem.GetProperty("errors").GetProperty("kind")[0].GetString());
        var stories = await admin.GetAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{campaign.Slug}/stories"));
        Assert.Equal(HttpStatusCode.OK, stories.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await stories.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"))).StatusCode);
    }
}
