using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Counting;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>Trends (threshold 5 in this fixture) and bulk invalidation, release and undo, through the admin API.</summary>
[Collection(AbuseCollection.Name)]
public sealed class BulkInvalidationTests(AbuseFixture fixture)
{
    /// <summary>A client computer of its own: requests from it come from an address no other test uses.</summary>
    private static IPAddress NewAddress() => ClientComputers.NewAddress();

    private async Task SignAsync(string slug, IPAddress address, string domain, int people)
    {
        using var client = ClientComputers.From(fixture.Http.BaseAddress!, address);
        for (var i = 0; i < people; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{slug}/signatures")
            {
                Content = Requests.Osdi("Lupe", $"N{i}", $"lupe.{Guid.NewGuid():n}@{domain}"),
            };
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(request)).StatusCode);
        }
    }

    private async Task<int> CountAfterRollupAsync(string slug)
    {
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        return (await fixture.Service<SummaryTable>().FindAsync(slug, CancellationToken.None))!.Summary.Count;
    }

    private static async Task<JsonElement> OkJson(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task The_hourly_job_flags_an_address_and_a_domain_with_many_sign_ups_and_admins_see_the_domain_only()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { RateLimits = [] });
        var (busy, quiet) = (NewAddress(), NewAddress());
        var domain = $"trend-{Guid.NewGuid():n}.example";
        await SignAsync(campaign.Slug, busy, domain, 6);
        await SignAsync(campaign.Slug, quiet, "example.org", 2);

        var found = await fixture.Service<TrendDetector>().DetectAsync(CancellationToken.None);

        var mine = found.Where(t => t.Campaign == campaign.Slug).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, t => Assert.Equal(6, t.Count));
        // A run repeated within the hour (a retry, another instance) replaces its rows: still one of each below.
        await fixture.Service<TrendDetector>().DetectAsync(CancellationToken.None);
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var trends = (await OkJson(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/trends"))).GetProperty("trends").EnumerateArray().ToList();
        var byDomain = Assert.Single(trends, t => t.GetProperty("kind").GetString() == "email_domain");
        Assert.Equal(domain, byDomain.GetProperty("email_domain").GetString());
        var byAddress = Assert.Single(trends, t => t.GetProperty("kind").GetString() == "ip");
        Assert.Equal(fixture.Service<SenderHashes>().ForAddress(busy), byAddress.GetProperty("hash").GetString());
        Assert.Equal(JsonValueKind.Null, byAddress.GetProperty("email_domain").ValueKind);
        Assert.DoesNotContain("@", await (await admin.GetAsync($"manage/campaigns/{campaign.Slug}/trends")).Content.ReadAsStringAsync());

        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Trend alert on {campaign.Slug}") && l.Contains("email domain"));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(domain) || l.Contains(busy.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.AdminClient(AdminRoles.Deliver).GetAsync($"manage/campaigns/{campaign.Slug}/trends")).StatusCode);
    }

    [Fact]
    public async Task An_admin_previews_invalidates_by_address_and_undoes_it_and_the_count_follows_each_roll_up()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { RateLimits = [] });
        var (bad, good) = (NewAddress(), NewAddress());
        await SignAsync(campaign.Slug, bad, "bots.example", 4);
        await SignAsync(campaign.Slug, good, "example.org", 3);
        await fixture.ConfirmAllAsync(campaign.Slug);
        Assert.Equal(7, await CountAfterRollupAsync(campaign.Slug));
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var path = $"manage/campaigns/{campaign.Slug}/invalidations";

        Assert.Equal(4, (await OkJson(await admin.PostAsJsonAsync(path + "/preview", new { ip = bad.ToString() }))).GetProperty("count").GetInt32());
        Assert.Equal(4, (await OkJson(await admin.PostAsJsonAsync(path + "/preview", new { email_domain = "BOTS.example" }))).GetProperty("count").GetInt32());
        Assert.Equal(0, (await OkJson(await admin.PostAsJsonAsync(path + "/preview",
            new { ip = bad.ToString(), received_to = DateTimeOffset.UtcNow.AddHours(-1) }))).GetProperty("count").GetInt32());
        Assert.Equal(7, await CountAfterRollupAsync(campaign.Slug));

        var applied = await OkJson(await admin.PostAsJsonAsync(path, new { ip = bad.ToString(), received_from = DateTimeOffset.UtcNow.AddHours(-1) }));
        Assert.Equal(4, applied.GetProperty("count").GetInt32());
        var id = applied.GetProperty("id").GetString()!;
        Assert.Equal(3, await CountAfterRollupAsync(campaign.Slug));
        Assert.Equal(0, (await OkJson(await admin.PostAsJsonAsync(path + "/preview", new { ip = bad.ToString() }))).GetProperty("count").GetInt32());

        Assert.Equal(4, (await OkJson(await admin.DeleteAsync($"{path}/{id}"))).GetProperty("count").GetInt32());
        Assert.Equal(7, await CountAfterRollupAsync(campaign.Slug));
        Assert.Equal(0, (await OkJson(await admin.DeleteAsync($"{path}/{id}"))).GetProperty("count").GetInt32());
        Assert.Equal(7, await CountAfterRollupAsync(campaign.Slug));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{path}/not-an-id")).StatusCode);
    }

    [Theory]
    [InlineData("""{}""", "body")]
    [InlineData("""{"ip":"999.1.1.1"}""", "ip")]
    [InlineData("""{"ip":"1.2.3.4","ip_hash":"0123456789abcdef0123456789abcdef"}""", "ip_hash")]
    [InlineData("""{"email_domain":"someone@example.org"}""", "email_domain")]
    [InlineData("""{"email_domain_hash":"XYZ"}""", "email_domain_hash")]
    [InlineData("""{"received_from":"2026-01-02"}""", "received_from")]
    [InlineData("""{"received_from":"2026-01-02T00:00:00Z","received_to":"2026-01-01T00:00:00Z"}""", "received_to")]
    [InlineData("""{"ip":"1.2.3.4","state":"confirmed"}""", "state")]
    [InlineData("""{"ip":5}""", "ip")]
    public async Task A_bad_condition_is_a_field_error_and_changes_nothing(string body, string field)
    {
        var campaign = await fixture.NewCampaignAsync();
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var answer = await admin.PostAsync($"manage/campaigns/{campaign.Slug}/invalidations", Requests.Raw(body, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Flagged_signatures_that_meet_a_condition_are_released_into_the_count()
    {
        var campaign = await fixture.NewCampaignAsync();
        var address = NewAddress();
        await SignAsync(campaign.Slug, address, "church.example", 5);
        await fixture.SendQueuedEmailsAsync();
        await fixture.ConfirmAllAsync(campaign.Slug);
        var flagged = (await fixture.SignatureRowsAsync(campaign.Slug)).Count(r => r.GetString("Flag") is not null);
        Assert.InRange(flagged, 3, 4);
        Assert.Equal(5 - flagged, await CountAfterRollupAsync(campaign.Slug));
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        var preview = await OkJson(await admin.PostAsJsonAsync($"manage/campaigns/{campaign.Slug}/invalidations/preview", new { ip = address.ToString() }));
        Assert.Equal(flagged, preview.GetProperty("flagged").GetInt32());
        var released = await OkJson(await admin.PostAsJsonAsync($"manage/campaigns/{campaign.Slug}/releases", new { ip = address.ToString() }));

        Assert.Equal(flagged, released.GetProperty("count").GetInt32());
        Assert.Equal(5, await CountAfterRollupAsync(campaign.Slug));
        Assert.DoesNotContain(await fixture.SignatureRowsAsync(campaign.Slug), r => r.GetString("Flag") is not null);
    }
}
