using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

[Collection(AbuseCollection.Name)]
public sealed class BotFrictionTests(AbuseFixture fixture)
{
    private const string ReturnUrl = "https://ndlon.example/gracias";
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Http.BaseAddress };

    private static HttpContent Json(string email, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(new
        {
            person = new
            {
                given_name = "Marta",
                family_name = "Quispe",
                email_addresses = new[] { new { address = email } },
                postal_addresses = new[] { new { postal_code = "10027" } },
            },
        })!.AsObject();
        if (extra is not null)
            foreach (var (name, value) in JsonSerializer.SerializeToNode(extra)!.AsObject().ToList())
                body[name] = value?.DeepClone();
        return new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
    }

    private static HttpContent Form(string email, params (string Name, string Value)[] extra) => Requests.Form(
        [("given_name", "Marta"), ("family_name", "Quispe"), ("email", email), ("postal_code", "10027"), ("return_url", ReturnUrl), .. extra]);

    private Task<PetitionFunctions.Campaigns.Campaign> CampaignAsync(CaptchaSettings? captcha = null) =>
        fixture.NewCampaignAsync(c => c with { ReturnUrls = [ReturnUrl], AllowedOrigins = ["https://ndlon.example"], Captcha = captcha });

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage answer, HttpStatusCode status)
    {
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_filled_honeypot_gets_the_normal_answer_and_nothing_is_stored_sent_or_logged_of_it()
    {
        var campaign = await CampaignAsync();
        var bait = "http://spam-" + Guid.NewGuid().ToString("n") + ".example";

        var json = await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Json("bot1@example.org", Honeypot(bait)));
        var form = await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Form("bot2@example.org", ("website", bait)));
        var numeric = await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Json("bot3@example.org", Honeypot(1)));

        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, numeric.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal(ReturnUrl, form.Headers.Location!.AbsoluteUri);
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
        Assert.Empty(await fixture.MessagesForAsync(campaign.Slug));
        Assert.Equal(3, fixture.Logs.Lines.Count(l => l.Contains($"signature for {campaign.Slug} filled the honeypot")));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(bait));

        // An empty honeypot (a real browser's form) is a normal signature.
        var person = await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Form("marta@example.org", ("website", "")));
        Assert.Equal(HttpStatusCode.SeeOther, person.StatusCode);
        Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => !r.RowKey.Contains('-'));
    }

    private static Dictionary<string, object> Honeypot(object value) => new() { [PetitionFunctions.Intake.SignatureParser.JsonHoneypotField] = value };

    [Fact]
    public async Task A_JSON_website_as_an_OSDI_client_may_send_it_is_an_ordinary_signature()
    {
        var campaign = await CampaignAsync();

        var answer = await _http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Json("osdi.client@example.org", new { website = "https://partner.example", homepage_url = "https://partner.example" }));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => !r.RowKey.Contains('-'));
        Assert.Single(await fixture.MessagesForAsync(campaign.Slug));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains($"signature for {campaign.Slug} filled the honeypot"));
    }

    [Fact]
    public async Task A_turnstile_campaign_takes_a_signature_only_with_a_token_the_provider_accepts()
    {
        var campaign = await CampaignAsync(new CaptchaSettings(CaptchaProvider.Turnstile, "0x4AAAA-site"));
        var path = $"campaigns/{campaign.Slug}/signatures";

        var missing = await ProblemOf(await _http.PostAsync(path + "?lang=es", Json("a1@example.org")), HttpStatusCode.BadRequest);
        Assert.StartsWith("Complete la verificación", missing.GetProperty("errors").GetProperty("captcha_token")[0].GetString());
        var refused = await ProblemOf(await _http.PostAsync(path, Json("a2@example.org", new { captcha_token = "forged" })), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("captcha_token", out _));
        var formRefused = await ProblemOf(await _http.PostAsync(path, Form("a3@example.org")), HttpStatusCode.BadRequest);
        Assert.True(formRefused.GetProperty("errors").TryGetProperty("cf-turnstile-response", out _));
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));

        var before = fixture.Captcha.Requests.Count;
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsync(path, Json("a4@example.org", new { captcha_token = "good" }))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await _http.PostAsync(path, Form("a5@example.org", ("cf-turnstile-response", "good")))).StatusCode);
        Assert.Equal(2, (await fixture.SignatureRowsAsync(campaign.Slug)).Count(r => !r.RowKey.Contains('-')));

        var sent = fixture.Captcha.Requests.Skip(before).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r =>
        {
            Assert.Equal("/turnstile/v0/siteverify", r["path"]);
            Assert.Equal("application/x-www-form-urlencoded", r["content-type"].Split(';')[0]);
            Assert.Equal(CaptchaStandIn.TurnstileSecret, r["secret"]);
            Assert.Equal("good", r["response"]);
            Assert.False(r.ContainsKey("remoteip"));
        });
    }

    [Fact]
    public async Task An_hcaptcha_campaign_sends_its_site_key_and_answers_503_when_the_provider_fails()
    {
        var campaign = await CampaignAsync(new CaptchaSettings(CaptchaProvider.Hcaptcha, "10000000-ffff-ffff-ffff-000000000001"));
        var path = $"campaigns/{campaign.Slug}/signatures";

        Assert.Equal(HttpStatusCode.SeeOther, (await _http.PostAsync(path, Form("h1@example.org", ("h-captcha-response", "good")))).StatusCode);
        var last = fixture.Captcha.Requests.Last();
        Assert.Equal("/hcaptcha/siteverify", last["path"]);
        Assert.Equal(CaptchaStandIn.HCaptchaSecret, last["secret"]);
        Assert.Equal("10000000-ffff-ffff-ffff-000000000001", last["sitekey"]);

        foreach (var token in new[] { "boom", "drop" })
        {
            var answer = await _http.PostAsync(path, Json($"h-{token}@example.org", new { captcha_token = token }));
            var problem = await ProblemOf(answer, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("urn:petition-functions:problem:captcha-unavailable", problem.GetProperty("type").GetString());
            Assert.NotNull(answer.Headers.RetryAfter);
        }
        Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => !r.RowKey.Contains('-'));
    }

    [Fact]
    public async Task The_public_campaign_read_shows_the_captcha_site_key_and_admins_set_or_remove_it()
    {
        var campaign = await CampaignAsync();
        using var admin = fixture.AdminClient(PetitionFunctions.Access.AdminRoles.Admin);
        var document = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await admin.GetStringAsync($"manage/campaigns/{campaign.Slug}"))!
            .ToDictionary(p => p.Key, p => (object)p.Value);

        document["captcha"] = new { provider = "captcha-x", site_key = "has space" };
        var invalid = await ProblemOf(await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}", document), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("captcha.provider", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("captcha.site_key", out _));

        document["captcha"] = new { provider = "turnstile", site_key = "0x4AAAA-public" };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}", document)).StatusCode);
        var shown = JsonDocument.Parse(await fixture.Http.GetStringAsync($"campaigns/{campaign.Slug}")).RootElement.GetProperty("captcha");
        Assert.Equal("turnstile", shown.GetProperty("provider").GetString());
        Assert.Equal("0x4AAAA-public", shown.GetProperty("site_key").GetString());
        Assert.DoesNotContain(CaptchaStandIn.TurnstileSecret, await fixture.Http.GetStringAsync($"campaigns/{campaign.Slug}"));

        document["captcha"] = new { provider = "none" };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}", document)).StatusCode);
        Assert.Equal(JsonValueKind.Null,
            JsonDocument.Parse(await fixture.Http.GetStringAsync($"campaigns/{campaign.Slug}")).RootElement.GetProperty("captcha").ValueKind);
    }
}
