using System.Net;
using System.Text.Json;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>HEAD, 404 and 405 as the runtime serves them: the catch-all route must lose to every specific route.</summary>
public abstract class HttpConventionTests<TFixture>(TFixture app) where TFixture : AppFixture
{
    [EndToEndFact]
    public async Task HEAD_answers_like_GET_without_a_body_and_specific_routes_win_over_the_fallback()
    {
        var campaign = await app.NewCampaignAsync();

        var get = await app.Http.GetAsync($"campaigns/{campaign.Slug}/count");
        var head = await app.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"campaigns/{campaign.Slug}/count"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("health")).StatusCode);
    }

    [EndToEndFact]
    public async Task The_admin_console_s_page_and_every_script_and_stylesheet_it_names_are_served_under_a_policy_that_allows_only_the_app()
    {
        var page = await app.Http.GetStringAsync("console");
        var assets = System.Text.RegularExpressions.Regex.Matches(page, "(?:src|href)=\"(console/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("console/console.js", assets);
        Assert.Contains("console/console.css", assets);
        Assert.Contains("console/icon.svg", assets);
        foreach (var path in assets.Prepend("console"))
        {
            var answer = await app.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var type = path == "console" ? "text/html" : Path.GetExtension(path) switch { ".js" => "text/javascript", ".svg" => "image/svg+xml", _ => "text/css" };
            Assert.Equal(type, answer.Content.Headers.ContentType!.MediaType);
            Assert.Contains("script-src 'self'", string.Join(" ", answer.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
        var missing = await app.Http.GetAsync("console/no-such-file.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [EndToEndFact]
    public async Task Unknown_addresses_are_404_and_wrong_methods_405_both_problem_json()
    {
        var missing = await app.Http.GetAsync("no-such-thing");
        var wrongMethod = await app.Http.DeleteAsync("campaigns/governor-end-s-comm/count");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Problems.TypePrefix + "not-found", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["GET", "HEAD"], wrongMethod.Content.Headers.Allow.Order());
    }
}

[Collection(RealHostCollection.Name)]
public sealed class HttpConventionsOnRealHost(RealHostFixture app) : HttpConventionTests<RealHostFixture>(app);

[Collection(StandInCollection.Name)]
public sealed class HttpConventionsOnStandIn(StandInFixture app) : HttpConventionTests<StandInFixture>(app);
