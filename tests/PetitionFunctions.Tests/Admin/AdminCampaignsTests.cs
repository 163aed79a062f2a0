using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

[Collection(LocalHostCollection.Name)]
public sealed class AdminCampaignsTests(LocalHostFixture fixture)
{
    private static string NewSlug() => "admin-" + Guid.NewGuid().ToString("n")[..12];

    /// <summary>A campaign document with its English texts only, as an organiser's first save looks.</summary>
    private static Dictionary<string, object?> EnglishOnly(string slug) => new()
    {
        ["slug"] = slug,
        ["kind"] = "petition",
        ["title"] = new { en = "Stop the raids at schools" },
        ["description"] = new { en = "Children stay home when agents wait outside schools." },
        ["call_to_action"] = new { en = "Sign the petition" },
        ["target"] = new { name = "Office of the Superintendent", title = "Superintendent", delivery_email = "superintendent@example.org" },
        ["goal"] = 1000,
        ["stretch_goals"] = new[] { 2500, 5000 },
        ["deadline"] = DateTimeOffset.UtcNow.AddDays(60),
        ["allowed_origins"] = new[] { "https://partner.example/", "http://localhost:8080" },
        ["return_urls"] = new[] { "https://partner.example/thank-you" },
        ["owner_email"] = "organiser@example.org",
    };

    private static Dictionary<string, object?> Bilingual(string slug)
    {
        var document = EnglishOnly(slug);
        document["title"] = new { en = "Stop the raids at schools", es = "Alto a las redadas en las escuelas" };
        document["description"] = new { en = "Children stay home when agents wait outside schools.", es = "Los niños faltan cuando hay agentes afuera." };
        document["call_to_action"] = new { en = "Sign the petition", es = "Firme la petición" };
        return document;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage answer) =>
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Create_get_update_refuse_to_open_without_spanish_then_open_and_close()
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var slug = NewSlug();

        var created = await admin.PostAsJsonAsync("manage/campaigns", EnglishOnly(slug));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/manage/campaigns/{slug}", created.Headers.Location!.OriginalString);
        Assert.Equal("no-store", created.Headers.CacheControl!.ToString());
        Assert.Equal("draft", (await JsonOf(created)).GetProperty("state").GetString());

        var read = await JsonOf(await admin.GetAsync($"manage/campaigns/{slug}"));
        Assert.Equal("superintendent@example.org", read.GetProperty("target").GetProperty("delivery_email").GetString());
        Assert.Equal(["https://partner.example", "http://localhost:8080"], read.GetProperty("allowed_origins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["https://partner.example/thank-you"], read.GetProperty("return_urls").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal([2500, 5000], read.GetProperty("stretch_goals").EnumerateArray().Select(g => g.GetInt32()));
        Assert.Equal("organiser@example.org", read.GetProperty("owner_email").GetString());
        Assert.Equal("", read.GetProperty("title").GetProperty("es").GetString());
        var list = await JsonOf(await admin.GetAsync("manage/campaigns"));
        Assert.Contains(list.GetProperty("campaigns").EnumerateArray(), c => c.GetProperty("slug").GetString() == slug);

        var changed = EnglishOnly(slug);
        changed["goal"] = 1500;
        changed.Remove("slug");
        var updated = await admin.PutAsJsonAsync($"manage/campaigns/{slug}", changed);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(1500, (await JsonOf(updated)).GetProperty("goal").GetInt32());
        Assert.Equal("draft", (await JsonOf(updated)).GetProperty("state").GetString());

        var refused = await admin.PostAsync($"manage/campaigns/{slug}/open?lang=es", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await JsonOf(refused);
        Assert.Equal(Problems.TypePrefix + "invalid-fields", problem.GetProperty("type").GetString());
        Assert.Equal("es", problem.GetProperty("language").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["call_to_action.es", "description.es", "title.es"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(AdminMessages.RequiredToOpen.In(Language.Es), errors.GetProperty("title.es")[0].GetString());
        // A draft is not public: signing it reads as an unknown campaign.
        Assert.Equal(HttpStatusCode.NotFound,
            (await fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"manage/campaigns/{slug}", Bilingual(slug))).StatusCode);
        var opened = await admin.PostAsync($"manage/campaigns/{slug}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("open", (await JsonOf(opened)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"manage/campaigns/{slug}/open", null)).StatusCode);
        var published = await JsonOf(await fixture.Http.GetAsync($"campaigns/{slug}?lang=es"));
        Assert.Equal("Alto a las redadas en las escuelas", published.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Accepted,
            (await fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"))).StatusCode);

        var closed = await admin.PostAsync($"manage/campaigns/{slug}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await JsonOf(closed)).GetProperty("state").GetString());
        var late = await fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi("Luis", "Gómez", "luis@example.org"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_campaign_created_open_must_be_complete_and_opens_at_once()
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var slug = NewSlug();
        var incomplete = EnglishOnly(slug);
        incomplete["state"] = "open";

        var refused = await admin.PostAsJsonAsync("manage/campaigns", incomplete);
        var document = Bilingual(slug);
        document["state"] = "open";
        var created = await admin.PostAsJsonAsync("manage/campaigns", document);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await JsonOf(refused)).GetProperty("errors").TryGetProperty("title.es", out _));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("open", (await JsonOf(created)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Creating_an_existing_slug_is_a_conflict_and_changes_nothing()
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var slug = NewSlug();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("manage/campaigns", EnglishOnly(slug))).StatusCode);
        var again = Bilingual(slug);
        again["goal"] = 9;

        var conflict = await admin.PostAsJsonAsync("manage/campaigns", again);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(Problems.TypePrefix + "campaign-exists", (await JsonOf(conflict)).GetProperty("type").GetString());
        Assert.Equal(1000, (await JsonOf(await admin.GetAsync($"manage/campaigns/{slug}"))).GetProperty("goal").GetInt32());
    }

    [Fact]
    public async Task Invalid_fields_are_answered_one_entry_each_in_the_requested_language()
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var document = EnglishOnly("Not A Slug");
        document["kind"] = "poll";
        document["goal"] = 0;
        document["target"] = new { name = "Superintendent", title = "Superintendent", delivery_email = "nobody" };
        document["allowed_origins"] = new[] { "https://partner.example/path" };
        document["return_urls"] = new[] { "https://elsewhere.example/thanks" };
        document["colour"] = "red";
        var request = new HttpRequestMessage(HttpMethod.Post, "manage/campaigns") { Content = JsonContent.Create(document) };
        request.Headers.AcceptLanguage.ParseAdd("es-MX");

        var answer = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await JsonOf(answer)).GetProperty("errors");
        Assert.Equal(AdminMessages.UnknownField.In(Language.Es), errors.GetProperty("colour")[0].GetString());
        Assert.Single(errors.EnumerateObject());

        document.Remove("colour");
        request = new HttpRequestMessage(HttpMethod.Post, "manage/campaigns") { Content = JsonContent.Create(document) };
        request.Headers.AcceptLanguage.ParseAdd("es-MX");
        errors = (await JsonOf(await admin.SendAsync(request))).GetProperty("errors");
        Assert.Equal(AdminMessages.InvalidSlug.In(Language.Es), errors.GetProperty("slug")[0].GetString());
        Assert.Equal(AdminMessages.InvalidKind.In(Language.Es), errors.GetProperty("kind")[0].GetString());
        Assert.Equal(AdminMessages.GoalNotPositive.In(Language.Es), errors.GetProperty("goal")[0].GetString());
        Assert.Equal(FieldMessages.InvalidEmail.In(Language.Es), errors.GetProperty("target.delivery_email")[0].GetString());
        Assert.Equal(AdminMessages.InvalidOrigin.In(Language.Es), errors.GetProperty("allowed_origins[0]")[0].GetString());
        Assert.Equal(AdminMessages.ReturnUrlOriginNotAllowed.In(Language.Es), errors.GetProperty("return_urls[0]")[0].GetString());
        Assert.All(errors.EnumerateObject(), e => Assert.Equal(1, e.Value.GetArrayLength()));
    }

    [Fact]
    public async Task Unknown_campaigns_bad_bodies_and_missing_tokens_get_their_problems()
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("manage/campaigns/no-such-campaign")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("manage/campaigns/no-such-campaign", Bilingual("no-such-campaign"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("manage/campaigns/no-such-campaign/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("manage/campaigns/no-such-campaign/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("manage/campaigns", Requests.Raw("{\"slug\":", "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await admin.PostAsync("manage/campaigns", Requests.Form(("slug", "x")))).StatusCode);

        var anonymous = await fixture.Http.PostAsJsonAsync("manage/campaigns", Bilingual(NewSlug()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.GetAsync("manage/campaigns")).StatusCode);
    }
}
