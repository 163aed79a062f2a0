using System.Net;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

/// <summary>Browser pages may post only from a campaign's allowed origins; reads are open to all.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class CorsTests(LocalHostFixture fixture)
{
    private const string Partner = "https://partner.example";

    private static HttpRequestMessage Preflight(string slug, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"campaigns/{slug}/signatures");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static HttpRequestMessage Post(string slug, string origin, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{slug}/signatures") { Content = Requests.Osdi("Ana", "Pérez", email) };
        request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task An_allowed_origin_passes_the_preflight_and_can_read_the_answer()
    {
        var campaign = await fixture.NewCampaignAsync();

        var preflight = await fixture.Http.SendAsync(Preflight(campaign.Slug, Partner));
        var post = await fixture.Http.SendAsync(Post(campaign.Slug, Partner, "ana.cors@example.org"));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Partner, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("Content-Type", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Equal(Partner, post.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => !r.RowKey.Contains('-'));
    }

    [Fact]
    public async Task Another_origin_gets_403_without_cors_headers_and_stores_nothing()
    {
        var campaign = await fixture.NewCampaignAsync();

        var preflight = await fixture.Http.SendAsync(Preflight(campaign.Slug, "https://evil.example"));
        var post = await fixture.Http.SendAsync(Post(campaign.Slug, "https://evil.example", "ana.evil@example.org"));
        var nullOrigin = await fixture.Http.SendAsync(Post(campaign.Slug, "null", "ana.null@example.org"));

        foreach (var answer in new[] { preflight, post, nullOrigin })
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        }
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task Field_errors_are_readable_by_an_allowed_page()
    {
        var campaign = await fixture.NewCampaignAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{campaign.Slug}/signatures") { Content = Requests.Raw("{}", "application/json") };
        request.Headers.Add("Origin", Partner);

        var answer = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(Partner, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
