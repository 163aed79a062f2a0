using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Api;

/// <summary>HTTP as clients expect it (issue 16): HEAD, caching of public lists, CORS headers, problem types, 404 and 405.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class HttpConventionsTests(LocalHostFixture fixture)
{
    [Theory]
    [InlineData("campaigns")]
    [InlineData("campaigns/governor-end-s-comm")]
    [InlineData("campaigns/governor-end-s-comm/count")]
    [InlineData("openapi.json")]
    [InlineData("embed.js")]
    [InlineData("health")]
    public async Task HEAD_answers_what_GET_answers_without_the_body(string path)
    {
        var get = await fixture.Http.GetAsync(path);
        var head = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_campaign_list_is_cacheable_like_the_count_and_readable_from_any_origin()
    {
        var first = await fixture.Http.GetAsync("campaigns");
        var etag = first.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, "campaigns");
        again.Headers.IfNoneMatch.Add(etag);

        var unchanged = await fixture.Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(15), first.Headers.CacheControl.MaxAge);
        Assert.Contains("stale-while-revalidate=15", first.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_preflight_allows_the_documented_headers_and_answers_expose_Retry_After()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = ["https://partner.example"] });
        var preflight = new HttpRequestMessage(HttpMethod.Options, $"campaigns/{campaign.Slug}/signatures");
        preflight.Headers.Add("Origin", "https://partner.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type, x-ratelimit-strict");
        var post = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{campaign.Slug}/signatures") { Content = Requests.Osdi("Ana", "Cors", "ana.expose@example.org") };
        post.Headers.Add("Origin", "https://partner.example");

        var allowed = (await fixture.Http.SendAsync(preflight)).Headers.GetValues("Access-Control-Allow-Headers").Single();
        var answer = await fixture.Http.SendAsync(post);

        Assert.Contains("X-RateLimit-Strict", allowed, StringComparison.Ordinal);
        Assert.Contains("Content-Type", allowed, StringComparison.Ordinal);
        Assert.Contains("Retry-After", answer.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
        Assert.Contains("Retry-After", (await fixture.Http.GetAsync("campaigns/no-such-campaign/count")).Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_type_has_one_title_in_each_language()
    {
        foreach (var language in new[] { Language.En, Language.Es })
        {
            var titles = Enum.GetValues<ProblemKind>()
                .Select(kind => (Microsoft.AspNetCore.Mvc.ProblemDetails)((Microsoft.AspNetCore.Mvc.ObjectResult)Problems.For(kind, language)).Value!)
                .GroupBy(problem => problem.Type);
            Assert.All(titles, type => Assert.Single(type.Select(problem => problem.Title).Distinct()));
        }
    }

    [Theory]
    [InlineData("no-such-thing")]
    [InlineData("campaigns/governor-end-s-comm/nothing-here")]
    [InlineData("manage/no-such-admin-route")]
    public async Task An_address_nothing_serves_is_404_problem_json(string path)
    {
        var answer = await fixture.Http.GetAsync(path + "?lang=es");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Problems.TypePrefix + "not-found", problem.GetProperty("type").GetString());
        Assert.Equal("No hay nada en esta dirección.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_method_an_address_does_not_take_is_405_with_Allow_as_problem_json()
    {
        var answer = await fixture.Http.DeleteAsync("campaigns/governor-end-s-comm/count");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["GET", "HEAD"], answer.Content.Headers.Allow.Order());
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Problems.TypePrefix + "method-not-allowed", problem.GetProperty("type").GetString());
        Assert.Contains("GET, HEAD", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
