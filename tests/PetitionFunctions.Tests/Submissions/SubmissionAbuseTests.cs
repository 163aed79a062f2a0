using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Stories;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

/// <summary>
/// Endorsements and stories under the same per-address rate limits as signatures (defaults: 1 a minute,
/// 5 in five minutes) and behind a honeypot: over the limit they are answered normally and stored
/// flagged for the moderators, a strict client gets 429 and nothing is stored, a filled honeypot stores nothing.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class SubmissionAbuseTests(AbuseFixture fixture) : IDisposable
{
    private const string ReturnUrl = "https://partner.example/gracias";
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Http.BaseAddress };
    private readonly Dictionary<IPAddress, HttpClient> _clients = [];

    public void Dispose()
    {
        _http.Dispose();
        foreach (var client in _clients.Values) client.Dispose();
    }

    /// <summary>A client computer of its own: requests from it come from an address no other test uses.</summary>
    private static IPAddress NewAddress() => ClientComputers.NewAddress();

    /// <summary>
    /// Posts from the client computer at <paramref name="address"/>. <paramref name="forwardedFor"/> is an
    /// X-Forwarded-For the client sends itself, which must make no difference.
    /// </summary>
    private Task<HttpResponseMessage> PostAsync(string path, HttpContent body, IPAddress address, bool strict = false, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        if (forwardedFor is not null) request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (strict) request.Headers.Add(Requester.StrictRateLimitsHeader, "429");
        if (!_clients.TryGetValue(address, out var client))
            _clients[address] = client = ClientComputers.From(fixture.Http.BaseAddress!, address);
        return client.SendAsync(request);
    }

    private Task<Campaign> NewLetterAsync() =>
        fixture.NewLetterAsync(c => c with { ReturnUrls = [ReturnUrl], AllowedOrigins = ["https://partner.example"] });

    private Task<Campaign> NewStoriesCampaignAsync() =>
        fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories, ReturnUrls = [ReturnUrl], AllowedOrigins = ["https://partner.example"] });

    private static HttpContent OrganizationForm(int i, params (string Name, string Value)[] extra) => Requests.Form(
        [("organization_name", $"Comité Vecinal {i}"), ("website", $"comite{i}.example"), ("scope", "state"), ("region", "NY"),
            ("signer_name", "Ana"), ("signer_title", "Director"), ("signer_email", $"ana@comite{i}.example"), ("list_publicly", "on"),
            ("return_url", ReturnUrl), .. extra]);

    private static HttpContent StoryJson(object? honeypot = null) => JsonContent.Create(new Dictionary<string, object?>
    {
        ["story"] = "They stopped me for a broken tail light and ICE came three days later.",
        ["language"] = "en",
        ["consent"] = "publish_anonymously",
        [SubmissionGuard.HoneypotField] = honeypot,
    });

    private static HttpContent StoryForm(params (string Name, string Value)[] extra) => Requests.Form(
        [("story", "My brother was taken at a checkpoint on the way to work."), ("consent", "target_only"), ("language", "en"),
            ("return_url", ReturnUrl), .. extra]);

    private async Task<List<TableEntity>> StoryRowsAsync(string slug)
    {
        var table = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.StoriesTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"))) rows.Add(row);
        return rows;
    }

    private static string? FlagOf(JsonElement listed) => listed.TryGetProperty("flag", out var flag) ? flag.GetString() : null;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage answer) =>
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_burst_of_endorsements_from_one_address_is_answered_normally_and_the_over_limit_ones_are_flagged_until_approved()
    {
        var letter = await NewLetterAsync();
        var address = NewAddress();

        for (var i = 0; i < 4; i++)
        {
            var answer = i % 2 == 0
                ? await PostAsync($"campaigns/{letter.Slug}/endorsements", OrganizationForm(i), address, forwardedFor: $"10.1.1.{i}, 198.51.100.{i}")
                : await PostAsync($"campaigns/{letter.Slug}/endorsements", Endorse.Organization($"Comité Vecinal {i}", $"https://comite{i}.example", $"ana@comite{i}.example"), address);
            Assert.Equal(i % 2 == 0 ? HttpStatusCode.SeeOther : HttpStatusCode.Accepted, answer.StatusCode);
        }
        // A repeat from the same organisation, over the limit too: its pending change carries the flag.
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync($"campaigns/{letter.Slug}/endorsements", OrganizationForm(0), address)).StatusCode);

        var endorsements = (await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements();
        Assert.Equal(4, endorsements.Count);
        Assert.Single(endorsements, r => r.GetString("Flag") is null);
        Assert.Equal(3, endorsements.Count(r => r.GetString("Flag") == "rate-limit"));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(address.ToString()));

        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var listed = (await JsonAsync(await admin.GetAsync($"manage/campaigns/{letter.Slug}/endorsements"))).GetProperty("endorsements").EnumerateArray().ToList();
        Assert.Equal(3, listed.Count(e => FlagOf(e) == "rate-limit"));
        var repeated = Assert.Single(listed, e => e.GetProperty("pending_change").ValueKind == JsonValueKind.Object);
        Assert.Equal("rate-limit", FlagOf(repeated.GetProperty("pending_change")));

        // Nothing is public before a moderator decides; approving is the release, and the flag stays as the record.
        var publicList = await JsonAsync(await _http.GetAsync($"campaigns/{letter.Slug}/endorsements"));
        Assert.Empty(publicList.GetProperty("endorsements").EnumerateArray());
        var flagged = endorsements.Where(r => r.GetString("Flag") is not null).Select(r => r.RowKey).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await fixture.ModerateAsync(letter.Slug, "approved", flagged[0])).StatusCode);
        publicList = await JsonAsync(await _http.GetAsync($"campaigns/{letter.Slug}/endorsements"));
        Assert.Single(publicList.GetProperty("endorsements").EnumerateArray());
        Assert.Equal("rate-limit", (await fixture.EndorsementRowsAsync(letter.Slug)).Single(r => r.RowKey == flagged[0]).GetString("Flag"));
    }

    [Fact]
    public async Task A_burst_of_stories_from_one_address_is_answered_normally_and_the_over_limit_ones_are_flagged_for_the_moderators()
    {
        var campaign = await NewStoriesCampaignAsync();
        var address = NewAddress();

        for (var i = 0; i < 3; i++)
        {
            var answer = i == 1
                ? await PostAsync($"campaigns/{campaign.Slug}/stories", StoryForm(), address)
                : await PostAsync($"campaigns/{campaign.Slug}/stories", StoryJson(), address, forwardedFor: $"[2001:db8:77::{i}]:443");
            Assert.Equal(i == 1 ? HttpStatusCode.SeeOther : HttpStatusCode.Accepted, answer.StatusCode);
        }

        var rows = (await StoryRowsAsync(campaign.Slug)).Where(r => StoryTable.IsStoryId(r.RowKey)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Single(rows, r => r.GetString("Flag") is null);
        Assert.Equal(2, rows.Count(r => r.GetString("Flag") == "rate-limit"));

        using var moderator = fixture.AdminClient(AdminRoles.Stories);
        var listed = (await JsonAsync(await moderator.GetAsync($"manage/campaigns/{campaign.Slug}/stories"))).GetProperty("stories").EnumerateArray().ToList();
        Assert.Equal(2, listed.Count(s => FlagOf(s) == "rate-limit"));
        var published = await JsonAsync(await _http.GetAsync($"campaigns/{campaign.Slug}/stories"));
        Assert.Equal(0, published.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_strict_client_over_the_limit_gets_429_with_Retry_After_and_no_endorsement_or_story_is_stored()
    {
        var letter = await NewLetterAsync();
        var stories = await NewStoriesCampaignAsync();
        var address = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync($"campaigns/{letter.Slug}/endorsements",
            Endorse.Organization("Casa del Pueblo", "https://casadelpueblo.example", "a@casadelpueblo.example"), address, strict: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync($"campaigns/{stories.Slug}/stories", StoryJson(), address, strict: true)).StatusCode);

        var refusals = new[]
        {
            await PostAsync($"campaigns/{letter.Slug}/endorsements",
                Endorse.Organization("Iglesia Nueva Vida", "https://nuevavida.example", "p@nuevavida.example", language: "es"), address, strict: true),
            await PostAsync($"campaigns/{stories.Slug}/stories", StoryJson(), address, strict: true),
        };

        foreach (var refused in refusals)
        {
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 59);
            Assert.Equal("urn:petition-functions:problem:rate-limited", (await JsonAsync(refused)).GetProperty("type").GetString());
        }
        Assert.Equal("es", (await JsonAsync(refusals[0])).GetProperty("language").GetString());
        Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());
        Assert.Single(await StoryRowsAsync(stories.Slug), r => StoryTable.IsStoryId(r.RowKey));
    }

    [Fact]
    public async Task A_filled_honeypot_gets_the_normal_answer_and_stores_sends_and_logs_nothing_of_it()
    {
        var letter = await NewLetterAsync();
        var stories = await NewStoriesCampaignAsync();
        var bait = "http://spam-" + Guid.NewGuid().ToString("n") + ".example";

        var answers = new[]
        {
            await PostAsync($"campaigns/{letter.Slug}/endorsements", OrganizationForm(1, (SubmissionGuard.HoneypotField, bait)), NewAddress()),
            await PostAsync($"campaigns/{letter.Slug}/endorsements", JsonContent.Create(new
            {
                organization = new { name = "Bot Org", website = "https://bot.example", scope = "national" },
                signer = new { name = "Bot", title = "Bot", email = "bot@bot.example" },
                list_publicly = true,
                homepage_url = bait,
            }), NewAddress()),
            await PostAsync($"campaigns/{stories.Slug}/stories", StoryForm((SubmissionGuard.HoneypotField, bait)), NewAddress()),
            await PostAsync($"campaigns/{stories.Slug}/stories", StoryJson(honeypot: 1), NewAddress()),
        };

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.Accepted, HttpStatusCode.SeeOther, HttpStatusCode.Accepted], answers.Select(a => a.StatusCode));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.SeeOther), a => Assert.Equal(ReturnUrl, a.Headers.Location!.AbsoluteUri));
        // No endorsement, story or outbox row: nothing to confirm, nothing to send.
        Assert.Empty(await fixture.EndorsementRowsAsync(letter.Slug));
        Assert.Empty(await StoryRowsAsync(stories.Slug));
        Assert.Equal(2, fixture.Logs.Lines.Count(l => l.Contains($"An endorsement for {letter.Slug} filled the honeypot")));
        Assert.Equal(2, fixture.Logs.Lines.Count(l => l.Contains($"A story for {stories.Slug} filled the honeypot")));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(bait));

        // Empty, as a real browser's hidden field sends it, is a normal submission.
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync($"campaigns/{stories.Slug}/stories", StoryForm((SubmissionGuard.HoneypotField, "")), NewAddress())).StatusCode);
        Assert.Single(await StoryRowsAsync(stories.Slug), r => StoryTable.IsStoryId(r.RowKey));
        // The endorse form's real "website" field is not the trap.
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync($"campaigns/{letter.Slug}/endorsements", OrganizationForm(2), NewAddress())).StatusCode);
        Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());
    }
}
