using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Stories;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Stories;

/// <summary>Stories end to end over HTTP against Azurite: intake, encryption at rest, moderation, publication, delivery, deletion.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class StoryTests(LocalHostFixture fixture)
{
    // Distinctive words that must never reach storage, logs or queues in clear.
    private const string SpanishStory =
        "Me detuvieron en Queens por una luz trasera rota. A los tres días ICE me llevó al centro de Batavia y mis hijos se quedaron solos.";
    private const string Redacted = "Me detuvieron por una luz rota. Días después ICE me llevó a un centro de detención.";
    private static readonly string[] Secrets = ["Batavia", "trasera", "Anacaona", "xochitl.ybarra", "Suffolk"];

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Http.BaseAddress };

    private Task<Campaign> NewStoriesCampaignAsync(Func<Campaign, Campaign>? change = null) =>
        fixture.NewCampaignAsync(c => (change ?? (x => x))(c with { Kind = CampaignKind.Stories }));

    private TableClient StoriesTable => fixture.Service<TableServiceClient>().GetTableClient(StorageNames.StoriesTable);

    private async Task<List<TableEntity>> RowsAsync(string slug)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in StoriesTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"))) rows.Add(row);
        return rows;
    }

    private static string Raw(IEnumerable<TableEntity> rows) =>
        string.Join("\n", rows.Select(row => string.Join("|", row.Select(p => $"{p.Key}={p.Value}"))));

    private static HttpContent SpanishStoryBody(string consent = "publish_anonymously", bool sendConfirmation = false, object? extra = null) =>
        JsonContent.Create(new Dictionary<string, object?>
        {
            ["story"] = SpanishStory,
            ["language"] = "es",
            ["name"] = "Xochitl Anacaona Ybarra",
            ["contact"] = "xochitl.ybarra@example.org",
            ["county_or_city"] = "Condado de Suffolk",
            ["consent"] = consent,
            ["may_contact"] = true,
            ["send_confirmation"] = sendConfirmation,
            ["immigration_status"] = extra ?? "indocumentada",
        });

    private async Task<string> SubmitAsync(string slug, HttpContent body)
    {
        var answer = await _http.PostAsync($"campaigns/{slug}/stories", body);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return Assert.Single((await RowsAsync(slug)).Where(r => StoryTable.IsStoryId(r.RowKey)), r => true).RowKey;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage answer) =>
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_spanish_story_is_stored_encrypted_then_redacted_approved_and_published_only_in_its_redacted_form()
    {
        var campaign = await NewStoriesCampaignAsync();
        var stories = fixture.AdminClient(AdminRoles.Stories);
        var campaignAdmin = fixture.AdminClient(AdminRoles.Admin, AdminRoles.Deliver);

        // Submitted in Spanish: the answer is in Spanish, the raw entity shows no plaintext.
        var answer = await _http.PostAsync($"campaigns/{campaign.Slug}/stories", SpanishStoryBody());
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Contains("Gracias", (await JsonAsync(answer)).GetProperty("message").GetString());
        var row = Assert.Single(await RowsAsync(campaign.Slug));
        var raw = Raw([row]);
        foreach (var secret in Secrets.Append("detuvieron").Append("indocumentada").Append("immigration"))
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("es", row.GetString("Language"));
        Assert.Equal("publish_anonymously", row.GetString("Consent"));
        Assert.StartsWith("test:", row.GetString("Text"));
        var id = row.RowKey;

        // An admin without the stories role gets 403, whatever else they may do.
        Assert.Equal(HttpStatusCode.Forbidden, (await campaignAdmin.GetAsync($"manage/campaigns/{campaign.Slug}/stories")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await campaignAdmin.GetAsync($"manage/campaigns/{campaign.Slug}/stories/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await campaignAdmin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{id}/approval", new { publish = true })).StatusCode);

        // The stories admin reads it decrypted.
        var read = await stories.GetAsync($"manage/campaigns/{campaign.Slug}/stories/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("no-store", read.Headers.CacheControl!.ToString());
        var decrypted = (await JsonAsync(read)).GetProperty("decrypted");
        Assert.Equal(SpanishStory, decrypted.GetProperty("story").GetString());
        Assert.Equal("Xochitl Anacaona Ybarra", decrypted.GetProperty("name").GetString());
        Assert.Equal("xochitl.ybarra@example.org", decrypted.GetProperty("contact").GetString());
        Assert.Equal("Condado de Suffolk", decrypted.GetProperty("county_or_city").GetString());

        // Nothing is published before it is redacted and approved.
        var unredacted = await stories.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{id}/approval", new { publish = true });
        Assert.Equal(HttpStatusCode.BadRequest, unredacted.StatusCode);
        Assert.True((await JsonAsync(unredacted)).GetProperty("errors").TryGetProperty("publish", out _));

        // Redacts, approves.
        var redaction = await stories.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{id}/redaction", new { es = Redacted });
        Assert.Equal(HttpStatusCode.OK, redaction.StatusCode);
        Assert.DoesNotContain(Redacted.Split(' ')[1], Raw(await RowsAsync(campaign.Slug)));
        var approval = await stories.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{id}/approval", new { publish = true });
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        Assert.True((await JsonAsync(approval)).GetProperty("published").GetBoolean());

        // The public endpoint shows only the redacted text, without the name, cached like the count.
        var published = await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/stories?lang=es");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var body = await published.Content.ReadAsStringAsync();
        var list = JsonDocument.Parse(body).RootElement;
        var story = Assert.Single(list.GetProperty("stories").EnumerateArray());
        Assert.Equal(Redacted, story.GetProperty("text").GetString());
        Assert.Equal("es", story.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, story.GetProperty("name").ValueKind);
        foreach (var secret in Secrets.Append("Queens").Append("Xochitl")) Assert.DoesNotContain(secret, body);
        Assert.Equal("*", published.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(PublicJson.CacheControl, published.Headers.CacheControl!.ToString());
        var again = new HttpRequestMessage(HttpMethod.Get, $"campaigns/{campaign.Slug}/stories?lang=es");
        again.Headers.IfNoneMatch.Add(published.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Http.SendAsync(again)).StatusCode);

        // Asked for in English, the only redacted version (Spanish) is shown, marked as Spanish.
        var english = (await JsonAsync(await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/stories?lang=en"))).GetProperty("stories")[0];
        Assert.Equal("es", english.GetProperty("language").GetString());

        // And through all of it, no plaintext reached a log line.
        var logs = string.Join("\n", fixture.Logs.Lines);
        foreach (var secret in Secrets.Append("Queens").Append("indocumentada")) Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(fixture.Logs.Lines, line => line.Contains($"read story {id}"));
    }

    [Fact]
    public async Task A_story_published_with_a_name_shows_the_name_and_a_new_redaction_withdraws_the_approval()
    {
        var campaign = await NewStoriesCampaignAsync();
        var admin = fixture.AdminClient(AdminRoles.Stories);
        var id = await SubmitAsync(campaign.Slug, SpanishStoryBody("publish_with_name"));
        var url = $"manage/campaigns/{campaign.Slug}/stories/{id}";

        await admin.PutAsJsonAsync(url + "/redaction", new { en = "They stopped me for a broken light.", es = Redacted });
        await admin.PutAsJsonAsync(url + "/approval", new { publish = true, include_in_delivery = true });
        var english = (await JsonAsync(await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/stories?lang=en"))).GetProperty("stories")[0];
        Assert.Equal("They stopped me for a broken light.", english.GetProperty("text").GetString());
        Assert.Equal("en", english.GetProperty("language").GetString());
        Assert.Equal("Xochitl Anacaona Ybarra", english.GetProperty("name").GetString());

        var rewritten = await JsonAsync(await admin.PutAsJsonAsync(url + "/redaction", new { es = "Otra versión." }));
        Assert.False(rewritten.GetProperty("published").GetBoolean());
        Assert.False(rewritten.GetProperty("include_in_delivery").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rewritten.GetProperty("decrypted").GetProperty("redacted_en").ValueKind);
        Assert.Equal(0, (await JsonAsync(await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/stories"))).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("internal", false, false)]
    [InlineData("target_only", false, true)]
    [InlineData("publish_anonymously", true, true)]
    public async Task An_admin_approves_only_within_the_writer_s_consent(string consent, bool canPublish, bool canDeliver)
    {
        var campaign = await NewStoriesCampaignAsync();
        var admin = fixture.AdminClient(AdminRoles.Stories);
        var id = await SubmitAsync(campaign.Slug, SpanishStoryBody(consent));
        var url = $"manage/campaigns/{campaign.Slug}/stories/{id}";
        await admin.PutAsJsonAsync(url + "/redaction", new { es = Redacted });

        var publish = await admin.PutAsJsonAsync(url + "/approval", new { publish = true });
        var deliver = await admin.PutAsJsonAsync(url + "/approval", new { include_in_delivery = true });

        Assert.Equal(canPublish ? HttpStatusCode.OK : HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.Equal(canDeliver ? HttpStatusCode.OK : HttpStatusCode.BadRequest, deliver.StatusCode);
        if (!canPublish) Assert.Equal(["publish"], (await JsonAsync(publish)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        if (!canDeliver) Assert.Equal(["include_in_delivery"], (await JsonAsync(deliver)).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // Delivery gets only the chosen stories, redacted, and never the name of one not published with it.
        var delivered = new List<RedactedStory>();
        await foreach (var story in fixture.Service<StoryDelivery>().ForDeliveryAsync(campaign.Slug, CancellationToken.None)) delivered.Add(story);
        if (canDeliver)
        {
            var story = Assert.Single(delivered);
            Assert.Equal(Redacted, story.TextIn(Language.Es));
            Assert.Null(story.Name);
        }
        else Assert.Empty(delivered);
        // The last approval set publish to false, so the public list is empty for every tier.
        Assert.Equal(0, (await JsonAsync(await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/stories"))).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Unknown_fields_like_immigration_status_are_ignored_and_never_stored()
    {
        var campaign = await NewStoriesCampaignAsync();

        await SubmitAsync(campaign.Slug, SpanishStoryBody(extra: new { status = "undocumented-XQ17", a_number = "A-987654321" }));

        var raw = Raw(await RowsAsync(campaign.Slug));
        foreach (var word in new[] { "undocumented", "XQ17", "987654321", "immigration", "status\"" }) Assert.DoesNotContain(word, raw, StringComparison.OrdinalIgnoreCase);
        var row = Assert.Single(await RowsAsync(campaign.Slug));
        Assert.DoesNotContain(row.Keys, key => key.Contains("immigration", StringComparison.OrdinalIgnoreCase) || key.Contains("status", StringComparison.OrdinalIgnoreCase));
        var decrypted = (await JsonAsync(await fixture.AdminClient(AdminRoles.Stories).GetAsync($"manage/campaigns/{campaign.Slug}/stories/{row.RowKey}"))).ToString();
        Assert.DoesNotContain("XQ17", decrypted);
    }

    public static TheoryData<string, Func<HttpContent>, HttpStatusCode, string[]> BadBodies => new()
    {
        { "malformed JSON", () => Requests.Raw("{\"story\": ", "application/json"), HttpStatusCode.BadRequest, ["body"] },
        { "JSON that is not an object", () => Requests.Raw("[\"story\"]", "application/json"), HttpStatusCode.BadRequest, ["body"] },
        { "empty JSON object", () => Requests.Raw("{}", "application/json"), HttpStatusCode.BadRequest, ["consent", "story"] },
        { "wrong types", () => Requests.Raw("{\"story\":1,\"consent\":\"internal\",\"may_contact\":\"yes\"}", "application/json"), HttpStatusCode.BadRequest, ["may_contact", "story"] },
        { "story over 10,000 characters", () => JsonContent.Create(new { story = new string('h', 10_001), consent = "internal" }), HttpStatusCode.BadRequest, ["story"] },
        { "unknown consent and language", () => JsonContent.Create(new { story = "x", consent = "everyone", language = "fr" }), HttpStatusCode.BadRequest, ["consent", "language"] },
        { "named publication without a name", () => JsonContent.Create(new { story = "x", consent = "publish_with_name" }), HttpStatusCode.BadRequest, ["name"] },
        { "bad contact", () => JsonContent.Create(new { story = "x", consent = "internal", contact = "ana@@example" }), HttpStatusCode.BadRequest, ["contact"] },
        { "confirmation to a phone", () => JsonContent.Create(new { story = "x", consent = "internal", contact = "718 555 0134", send_confirmation = true }), HttpStatusCode.BadRequest, ["contact"] },
        { "form with a foreign return URL", () => Requests.Form(("story", "x"), ("consent", "internal"), ("return_url", "https://evil.example/")), HttpStatusCode.BadRequest, ["return_url"] },
        { "body over 96 KB", () => JsonContent.Create(new { story = new string('h', 100_000), consent = "internal" }), HttpStatusCode.RequestEntityTooLarge, [] },
        { "plain text", () => Requests.Raw("story=x", "text/plain"), HttpStatusCode.UnsupportedMediaType, [] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_story_gets_its_status_one_error_per_field_and_stores_nothing(string because, Func<HttpContent> body, HttpStatusCode status, string[] fields)
    {
        var campaign = await NewStoriesCampaignAsync();

        var answer = await _http.PostAsync($"campaigns/{campaign.Slug}/stories", body());

        Assert.True(status == answer.StatusCode, $"{because}: expected {status}, got {answer.StatusCode}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(answer);
        if (fields.Length > 0)
        {
            Assert.Equal(fields.Order().ToArray(), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray());
            Assert.All(problem.GetProperty("errors").EnumerateObject(), e => Assert.Equal(1, e.Value.GetArrayLength()));
        }
        Assert.Empty(await RowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task Errors_are_in_spanish_for_a_spanish_story()
    {
        var campaign = await NewStoriesCampaignAsync();

        var answer = await _http.PostAsync($"campaigns/{campaign.Slug}/stories", JsonContent.Create(new { language = "es", consent = "internal" }));

        var problem = await JsonAsync(answer);
        Assert.Equal("es", problem.GetProperty("language").GetString());
        Assert.Equal("Este campo es obligatorio.", problem.GetProperty("errors").GetProperty("story")[0].GetString());
    }

    [Fact]
    public async Task A_10000_character_story_posted_from_a_plain_form_is_taken_and_redirected_to_the_partner_page()
    {
        var campaign = await NewStoriesCampaignAsync();
        var story = string.Concat(Enumerable.Repeat("Mi niña lloró ", 1000))[..10_000];

        var answer = await _http.PostAsync($"campaigns/{campaign.Slug}/stories", Requests.Form(("story", story), ("consent", "target_only"),
            ("language", "es"), ("may_contact", "on"), ("contact", "+1 718 555 0134"), ("return_url", "https://partner.example/thank-you")));

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("https://partner.example/thank-you", answer.Headers.Location!.AbsoluteUri);
        var row = Assert.Single(await RowsAsync(campaign.Slug));
        Assert.Equal("phone", row.GetString("ContactKind"));
        Assert.True(row.GetBoolean("MayContact"));
        var read = await JsonAsync(await fixture.AdminClient(AdminRoles.Stories).GetAsync($"manage/campaigns/{campaign.Slug}/stories/{row.RowKey}"));
        Assert.Equal(story, read.GetProperty("decrypted").GetProperty("story").GetString());
    }

    [Fact]
    public async Task Only_open_stories_campaigns_take_stories_and_only_from_allowed_pages()
    {
        var petition = await fixture.NewCampaignAsync();
        var closed = await NewStoriesCampaignAsync(c => c with { State = CampaignState.Closed });
        var open = await NewStoriesCampaignAsync();

        var toPetition = await _http.PostAsync($"campaigns/{petition.Slug}/stories", SpanishStoryBody());
        var toClosed = await _http.PostAsync($"campaigns/{closed.Slug}/stories", SpanishStoryBody());
        var unknown = await _http.PostAsync("campaigns/no-such-campaign/stories", SpanishStoryBody());
        var readPetition = await _http.GetAsync($"campaigns/{petition.Slug}/stories");
        var foreignPage = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{open.Slug}/stories") { Content = SpanishStoryBody() };
        foreignPage.Headers.Add("Origin", "https://evil.example");
        var fromForeignPage = await _http.SendAsync(foreignPage);
        var allowedPage = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{open.Slug}/stories") { Content = SpanishStoryBody() };
        allowedPage.Headers.Add("Origin", "https://partner.example");
        var fromAllowedPage = await _http.SendAsync(allowedPage);
        var preflight = new HttpRequestMessage(HttpMethod.Options, $"campaigns/{open.Slug}/stories");
        preflight.Headers.Add("Origin", "https://partner.example");
        var preflightAnswer = await _http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NotFound, toPetition.StatusCode);
        Assert.EndsWith("not-a-story-campaign", (await JsonAsync(toPetition)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, toClosed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readPetition.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromForeignPage.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromAllowedPage.StatusCode);
        Assert.Equal("https://partner.example", fromAllowedPage.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.NoContent, preflightAnswer.StatusCode);
        Assert.Empty(await RowsAsync(petition.Slug));
        Assert.Empty(await RowsAsync(closed.Slug));
        Assert.Single(await RowsAsync(open.Slug));
    }

    [Fact]
    public async Task An_admin_lists_stories_by_page_decrypting_only_on_demand_and_deletes_one_for_good()
    {
        var campaign = await NewStoriesCampaignAsync();
        var admin = fixture.AdminClient(AdminRoles.Stories);
        var first = await SubmitAsync(campaign.Slug, SpanishStoryBody("publish_anonymously"));
        await _http.PostAsync($"campaigns/{campaign.Slug}/stories", JsonContent.Create(new { story = "Second story", consent = "internal", language = "en" }));
        await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{first}/redaction", new { es = Redacted });
        await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{first}/approval", new { publish = true });
        Assert.Equal(1, (await JsonAsync(await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/stories"))).GetProperty("count").GetInt32());

        var metadata = await JsonAsync(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/stories"));
        var decrypted = await JsonAsync(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/stories?decrypt=true"));
        var secondPage = await JsonAsync(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/stories?page=2"));
        var badPage = await admin.GetAsync($"manage/campaigns/{campaign.Slug}/stories?page=0");

        Assert.Equal(2, metadata.GetProperty("total").GetInt32());
        Assert.All(metadata.GetProperty("stories").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("decrypted").ValueKind));
        Assert.Equal("Second story", decrypted.GetProperty("stories")[0].GetProperty("decrypted").GetProperty("story").GetString());
        Assert.Equal(SpanishStory, decrypted.GetProperty("stories")[1].GetProperty("decrypted").GetProperty("story").GetString());
        Assert.Empty(secondPage.GetProperty("stories").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);

        var deleted = await admin.DeleteAsync($"manage/campaigns/{campaign.Slug}/stories/{first}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"manage/campaigns/{campaign.Slug}/stories/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"manage/campaigns/{campaign.Slug}/stories/{first}")).StatusCode);
        Assert.DoesNotContain(await RowsAsync(campaign.Slug), r => r.RowKey.Contains(first));
        Assert.Equal(0, (await JsonAsync(await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/stories"))).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Stories_of_a_closed_campaign_are_deleted_after_the_retention_period_except_published_ones()
    {
        var now = DateTimeOffset.UtcNow;
        var campaign = await NewStoriesCampaignAsync();
        var admin = fixture.AdminClient(AdminRoles.Stories);
        var published = await SubmitAsync(campaign.Slug, SpanishStoryBody("publish_anonymously"));
        await _http.PostAsync($"campaigns/{campaign.Slug}/stories", JsonContent.Create(new { story = "Kept internal", consent = "internal" }));
        await _http.PostAsync($"campaigns/{campaign.Slug}/stories", JsonContent.Create(new { story = "For the target", consent = "target_only" }));
        await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{published}/redaction", new { es = Redacted });
        await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}/stories/{published}/approval", new { publish = true });
        var retention = fixture.Service<StoryRetention>();

        // Open: nothing is due, however late.
        await retention.SweepAsync(now.AddYears(5), CancellationToken.None);
        Assert.Equal(3, (await RowsAsync(campaign.Slug)).Count(r => StoryTable.IsStoryId(r.RowKey)));

        // Closed by an admin (no deadline): the first sweep records when, and the stories stay for 90 days from then.
        await fixture.Service<CampaignTable>().SaveAsync(campaign with { State = CampaignState.Closed }, CancellationToken.None);
        await retention.SweepAsync(now, CancellationToken.None);
        await retention.SweepAsync(now.AddDays(89), CancellationToken.None);
        Assert.Equal(3, (await RowsAsync(campaign.Slug)).Count(r => StoryTable.IsStoryId(r.RowKey)));

        await retention.SweepAsync(now.AddDays(90), CancellationToken.None);
        var left = (await RowsAsync(campaign.Slug)).Where(r => StoryTable.IsStoryId(r.RowKey)).ToList();
        Assert.Equal(published, Assert.Single(left).RowKey);
    }

    [Fact]
    public async Task A_campaign_past_its_deadline_counts_retention_from_the_deadline()
    {
        var now = DateTimeOffset.UtcNow;
        var campaign = await NewStoriesCampaignAsync();
        await SubmitAsync(campaign.Slug, JsonContent.Create(new { story = "Short-lived", consent = "internal" }));
        await fixture.Service<CampaignTable>().SaveAsync(campaign with { Deadline = now.AddDays(-95) }, CancellationToken.None);

        Assert.Equal(1, await fixture.Service<StoryRetention>().SweepAsync(now, CancellationToken.None));
        Assert.Empty(await RowsAsync(campaign.Slug));
    }
}
