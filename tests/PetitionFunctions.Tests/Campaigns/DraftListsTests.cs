using System.Net;
using System.Text.Json;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Campaigns;

/// <summary>A draft is not public yet: its endorsement and story lists read as unknown, as the campaign itself does.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class DraftListsTests(LocalHostFixture fixture)
{
    [Theory]
    [InlineData(CampaignKind.Letter, "endorsements", "not-a-letter")]
    [InlineData(CampaignKind.Stories, "stories", "not-a-story-campaign")]
    public async Task A_draft_campaigns_public_list_reads_as_unknown(CampaignKind kind, string list, string problem)
    {
        var draft = await fixture.NewCampaignAsync(c => c with { Kind = kind, State = CampaignState.Draft });

        var campaign = await fixture.Http.GetAsync($"campaigns/{draft.Slug}");
        var answer = await fixture.Http.GetAsync($"campaigns/{draft.Slug}/{list}");

        Assert.Equal(HttpStatusCode.NotFound, campaign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(Problems.TypePrefix + problem,
            JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain(draft.Slug, await answer.Content.ReadAsStringAsync());
    }
}
