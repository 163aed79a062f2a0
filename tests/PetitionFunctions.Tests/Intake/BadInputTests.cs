using System.Net;
using System.Text.Json;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

/// <summary>Every bad input gets its status and a problem+json answer, and leaves nothing in storage.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class BadInputTests(LocalHostFixture fixture)
{
    public static TheoryData<string, Func<HttpContent>, HttpStatusCode, string[]> BadBodies => new()
    {
        { "malformed JSON", () => Requests.Raw("{\"person\": {", "application/json"), HttpStatusCode.BadRequest, ["body"] },
        { "JSON that is not an object", () => Requests.Raw("[1,2]", "application/json"), HttpStatusCode.BadRequest, ["body"] },
        { "JSON field of the wrong type", () => Requests.Raw("{\"person\":{\"given_name\":5,\"family_name\":\"P\",\"email_addresses\":[{\"address\":\"a@example.org\"}],\"postal_addresses\":[{\"postal_code\":\"10027\"}]}}", "application/json"),
            HttpStatusCode.BadRequest, ["person.given_name"] },
        { "empty JSON object", () => Requests.Raw("{}", "application/json"), HttpStatusCode.BadRequest,
            ["person.given_name", "person.family_name", "person.email_addresses[0].address", "person.postal_addresses[0].postal_code"] },
        { "form missing fields", () => Requests.Form(("given_name", "Ana")), HttpStatusCode.BadRequest, ["family_name", "email", "postal_code"] },
        { "name over 100 characters", () => Requests.Osdi(new string('a', 101), "Pérez", "ana@example.org"), HttpStatusCode.BadRequest, ["person.given_name"] },
        { "comment over 2,000 characters", () => Requests.Osdi("Ana", "Pérez", "ana@example.org", comments: new string('c', 2001)), HttpStatusCode.BadRequest, ["comments"] },
        { "invalid email", () => Requests.Osdi("Ana", "Pérez", "ana@@example"), HttpStatusCode.BadRequest, ["person.email_addresses[0].address"] },
        { "invalid email in a form", () => Requests.Form(("given_name", "Ana"), ("family_name", "P"), ("email", "Ana <ana@example.org>"), ("postal_code", "10027")),
            HttpStatusCode.BadRequest, ["email"] },
        { "return URL not allowed", () => Requests.Form(("given_name", "Ana"), ("family_name", "P"), ("email", "ana@example.org"), ("postal_code", "10027"),
            ("return_url", "https://evil.example/thank-you")), HttpStatusCode.BadRequest, ["return_url"] },
        { "body over 16 KB", () => Requests.Osdi("Ana", "Pérez", "ana@example.org", comments: new string('c', 17_000)), HttpStatusCode.RequestEntityTooLarge, [] },
        { "plain text", () => Requests.Raw("given_name=Ana", "text/plain"), HttpStatusCode.UnsupportedMediaType, [] },
        { "multipart form", () => new MultipartFormDataContent { { new StringContent("Ana"), "given_name" } }, HttpStatusCode.UnsupportedMediaType, [] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_its_status_and_stores_nothing(string because, Func<HttpContent> body, HttpStatusCode status, string[] fields)
    {
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", body());

        Assert.True(status == answer.StatusCode, $"{because}: expected {status}, got {answer.StatusCode}");
        var problem = await ProblemAsync(answer);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (fields.Length > 0)
        {
            var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
            Assert.Equal(fields.Order().ToArray(), errors);
            Assert.All(problem.GetProperty("errors").EnumerateObject(), e => Assert.Equal(1, e.Value.GetArrayLength()));
        }
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
        Assert.Empty(await fixture.MessagesForAsync(campaign.Slug));
    }

    [Fact]
    public async Task An_unknown_campaign_is_404()
    {
        var answer = await fixture.Http.PostAsync("campaigns/no-such-campaign/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.EndsWith("campaign-not-found", (await ProblemAsync(answer)).GetProperty("type").GetString());
        Assert.Empty(await fixture.SignatureRowsAsync("no-such-campaign"));
    }

    [Fact]
    public async Task A_closed_campaign_says_so_and_stores_nothing()
    {
        var closed = await fixture.NewCampaignAsync(c => c with { State = CampaignState.Closed });
        var pastDeadline = await fixture.NewCampaignAsync(c => c with { Deadline = DateTimeOffset.UtcNow.AddDays(-1) });

        foreach (var campaign in new[] { closed, pastDeadline })
        {
            var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"));

            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            Assert.EndsWith("campaign-closed", (await ProblemAsync(answer)).GetProperty("type").GetString());
            Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
        }
    }

    [Fact]
    public async Task Errors_come_in_the_language_the_request_asked_for()
    {
        var campaign = await fixture.NewCampaignAsync();

        var byField = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Form(("given_name", "Ana"), ("language", "es")));
        var byQuery = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures?lang=es", Requests.Raw("nope", "text/plain"));
        var request = new HttpRequestMessage(HttpMethod.Post, "campaigns/no-such-campaign/signatures") { Content = Requests.Osdi("A", "B", "a@example.org") };
        request.Headers.AcceptLanguage.ParseAdd("es-MX,es;q=0.9,en;q=0.5");
        var byHeader = await fixture.Http.SendAsync(request);

        var fieldProblem = await ProblemAsync(byField);
        Assert.Equal("es", fieldProblem.GetProperty("language").GetString());
        Assert.Equal("Este campo es obligatorio.", fieldProblem.GetProperty("errors").GetProperty("email")[0].GetString());
        Assert.Equal("es", (await ProblemAsync(byQuery)).GetProperty("language").GetString());
        Assert.Equal("No hay ninguna campaña en esta dirección.", (await ProblemAsync(byHeader)).GetProperty("title").GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage answer)
    {
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
    }
}
