using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

/// <summary>
/// Intake as OSDI and Action Network clients use it (issue 16): the OSDI documents' own example bodies and
/// Action Network-style bodies, over HTTP through the stand-in host into Azurite, each answered 202 and
/// stored with the source and language it carried.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class OsdiIntakeTests(LocalHostFixture fixture)
{
    /// <summary>
    /// The record_signature_helper example from the OSDI documentation (record_signature.md), with its
    /// helper_action_examples include expanded. The rendered page names <c>action_date</c> twice (once in the
    /// body, once in the include); a JSON object may not name a field twice, so it appears once here.
    /// </summary>
    private const string RecordSignatureHelperExample = """
        {
            "person": {
                "identifiers": [ "foreign_system:1" ],
                "family_name": "Edwin",
                "given_name": "Labadie",
                "additional_name": "Marques",
                "origin_system": "OpenSupporter",
                "email_addresses": [
                    { "address": "EMAIL", "primary": true, "address_type": "Personal" }
                ],
                "postal_addresses": [
                    {
                        "primary": true,
                        "address_lines": [ "935 Ed Lock" ],
                        "locality": "New Dudley",
                        "region": "MN",
                        "postal_code": "17678",
                        "country": "RU",
                        "address_type": "Home",
                        "status": "Verified"
                    }
                ],
                "phone_numbers": [
                    { "primary": true, "number": 19876543210, "number_type": "Mobile", "sms_capable": true }
                ],
                "gender": "Male"
            },
            "identifiers": [ "foreign_system:1" ],
            "origin_system": "OpenSupporter",
            "action_date": "2014-03-18T11:02:15Z",
            "comments": "Support our campaign!",
            "referrer_data": {
                "source": "facebook-101016-mainpage",
                "referrer": "jane-doe",
                "website": "facebook.com",
                "url": "https://facebook.com/posts/12345"
            },
            "triggers": { "autoresponse": { "enabled": true } },
            "add_tags": [ "volunteer", "donor" ],
            "add_tags_uri": [ "https://osdi-sample-system.org/api/v1/tags/d91b4b2e-ae0e-4cd3-9ed7-d0ec501b0bc3" ],
            "add_lists": [ "supporters" ],
            "add_lists_uri": [ "https://osdi-sample-system.org/api/v1/lists/d91b4b2e-ae0e-4cd3-9ed7-d0ec501b0bc3" ],
            "add_questions_responses_uri": [
                { "question": "https://osdi-sample-system.org/api/v1/questions/c945d6fe-929e-11e3-a2e9-12313d316c29", "responses": [ "r1", "r2", "r2" ] },
                { "question": "https://osdi-sample-system.org/api/v1/questions/c945d6fe-929e-11e3-a2e9-12313d316c2a", "value": "Heard about the candidate at the Labor Day Picnic" }
            ]
        }
        """;

    /// <summary>
    /// A person_signup_helper-shaped body (person_signup.md) as an Action Network integration sends it to a
    /// petition: Action Network's referrer data and custom fields, OSDI's languages_spoken, no preferred_language.
    /// </summary>
    private const string ActionNetworkPersonSignupBody = """
        {
            "person": {
                "identifiers": [ "action_network:d3b6c5a2-7e0f-4c71-9d2b-1f2a3b4c5d6e" ],
                "family_name": "Ríos",
                "given_name": "Marta",
                "origin_system": "Action Network",
                "email_addresses": [ { "address": "EMAIL", "primary": true, "address_type": "Personal", "status": "subscribed" } ],
                "postal_addresses": [ { "primary": true, "address_lines": [ "12 Calle Ocho" ], "locality": "Queens", "region": "NY", "postal_code": "11368", "country": "US" } ],
                "phone_numbers": [ { "primary": true, "number": "+1 718 555 0100", "number_type": "Mobile", "status": "subscribed" } ],
                "languages_spoken": [ "es-MX", "en" ],
                "custom_fields": { "shirt_size": "M", "volunteer": true }
            },
            "add_tags": [ "volunteer", "donor" ],
            "add_tags_uri": [ "https://osdi-sample-system.org/api/v1/tags/d91b4b2e-ae0e-4cd3-9ed7-d0ec501b0bc3" ],
            "add_lists": [ "supporters" ],
            "add_lists_uri": [ "https://osdi-sample-system.org/api/v1/lists/d91b4b2e-ae0e-4cd3-9ed7-d0ec501b0bc3" ],
            "triggers": { "autoresponse": { "enabled": false } },
            "status": "subscribed",
            "website": "https://partner.example",
            "action_network:referrer_data": {
                "source": "email/2026-05 blast:es",
                "referrer": "group-queens",
                "website": "actionnetwork.org",
                "url": "https://actionnetwork.org/petitions/x?source=email/2026-05%20blast:es"
            }
        }
        """;

    private static HttpContent Body(string template, string email, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(template.Replace("EMAIL", email, StringComparison.Ordinal)));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static HttpRequestMessage Post(string slug, HttpContent content, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{slug}/signatures") { Content = content };
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return request;
    }

    private async Task<List<TableEntity>> SignaturesAsync(string slug) =>
        (await fixture.SignatureRowsAsync(slug)).Where(r => !r.RowKey.Contains('-')).ToList();

    [Fact]
    public async Task The_OSDI_record_signature_helper_example_is_202_and_stored_with_its_source_and_the_request_s_language()
    {
        var campaign = await fixture.NewCampaignAsync();

        var english = await fixture.Http.SendAsync(Post(campaign.Slug, Body(RecordSignatureHelperExample, "test-3@example.com", "application/hal+json")));
        var spanish = await fixture.Http.SendAsync(Post(campaign.Slug,
            Body(RecordSignatureHelperExample.Replace("\"gender\": \"Male\"", "\"gender\": \"Female\"", StringComparison.Ordinal), "test-4@example.com",
                "application/hal+json; charset=utf-8"), acceptLanguage: "es-US,es;q=0.9"));

        Assert.Equal(HttpStatusCode.Accepted, english.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, spanish.StatusCode);
        var rows = await SignaturesAsync(campaign.Slug);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal("facebook-101016-mainpage", row.GetString("Source")));
        Assert.Equal(["en", "es"], rows.Select(row => row.GetString("Language")).Order());
        Assert.All(rows, row => Assert.Equal("MN", row.GetString("Region")));
    }

    [Fact]
    public async Task An_Action_Network_person_signup_body_stores_its_normalised_source_and_its_spoken_language()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.SendAsync(Post(campaign.Slug,
            Body(ActionNetworkPersonSignupBody, "marta.rios@example.org", "application/json; charset=utf-8; profile=\"https://opensupporter.github.io/osdi-docs/\""),
            acceptLanguage: "en-US"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var row = Assert.Single(await SignaturesAsync(campaign.Slug));
        Assert.Equal("email-2026-05-blast-es", row.GetString("Source"));
        Assert.Equal("es", row.GetString("Language"));
        // A top-level "website", which an API client may send, is no honeypot: the signer gets their email.
        Assert.Single(await fixture.MessagesForAsync(campaign.Slug));
    }

    [Theory]
    [InlineData("""{"referrer_data":{"source":"Partner One"},"action_network:referrer_data":{"source":"an-ignored"}}""", """{"preferred_language":"es","languages_spoken":["en"]}""", "partner-one", "es")]
    [InlineData("""{"referrer_data":{"referrer":"jane-doe"},"action_network:referrer_data":{"source":"Facebook / Campaña: Otoño"}}""", """{"languages_spoken":["fr","en-US","es"]}""", "facebook-campana-otono", "en")]
    [InlineData("""{"referrer_data":{"source":"=HYPERLINK(\"http://evil.example\")"}}""", """{"preferred_language":"fr","languages_spoken":["es-419"]}""", "hyperlink-http-evil.example", "es")]
    [InlineData("""{"referrer_data":{"source":"../../etc/passwd\u0000<b>x</b>"}}""", """{"languages_spoken":"es"}""", "etc-passwd-b-x-b", "en")]
    [InlineData("""{"referrer_data":{"source":2026}}""", """{}""", "2026", "en")]
    [InlineData("""{"referrer_data":{"source":"///"}}""", """{}""", null, "en")]
    public async Task Any_source_and_language_a_partner_sends_is_stored_normalised_never_refused(
        string referrer, string languages, string? source, string language)
    {
        var campaign = await fixture.NewCampaignAsync();
        var person = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(languages)!;
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(referrer)!;
        var personJson = new Dictionary<string, object>
        {
            ["given_name"] = "Ana",
            ["family_name"] = "Pérez",
            ["email_addresses"] = new[] { new { address = $"ana-{Guid.NewGuid():n}@example.org" } },
            ["postal_addresses"] = new[] { new { postal_code = "10027" } },
        };
        foreach (var (name, value) in person) personJson[name] = value;
        var document = new Dictionary<string, object> { ["person"] = personJson };
        foreach (var (name, value) in body) document[name] = value;

        var answer = await fixture.Http.SendAsync(Post(campaign.Slug, Body(JsonSerializer.Serialize(document), "", "application/json"), acceptLanguage: "en"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var row = Assert.Single(await SignaturesAsync(campaign.Slug));
        Assert.Equal(source, row.GetString("Source"));
        Assert.Equal(language, row.GetString("Language"));
    }

    [Theory]
    [InlineData(null, "Content-Type: application/json", "en")]
    [InlineData("es", "Content-Type: application/json", "es")]
    public async Task A_JSON_body_without_a_Content_Type_gets_a_415_naming_the_fix_in_the_requester_s_language(string? lang, string fix, string language)
    {
        var campaign = await fixture.NewCampaignAsync();
        var path = $"campaigns/{campaign.Slug}/signatures" + (lang is null ? "" : $"?lang={lang}");

        var answer = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = Body(RecordSignatureHelperExample, "no-type@example.org", contentType: null),
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:petition-functions:problem:missing-content-type", problem.GetProperty("type").GetString());
        Assert.Contains(fix, problem.GetProperty("detail").GetString());
        Assert.Equal(language, problem.GetProperty("language").GetString());
        if (language == "es") Assert.StartsWith("El contenido parece JSON", problem.GetProperty("detail").GetString());
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task A_non_UTF_8_charset_is_still_refused_for_hal_json_too()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.SendAsync(Post(campaign.Slug,
            Body(RecordSignatureHelperExample, "latin@example.org", "application/hal+json; charset=iso-8859-1")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task The_OSDI_example_keeps_its_identifiers_encrypted_stores_no_phone_and_ignores_an_action_date_from_2014()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.SendAsync(Post(campaign.Slug, Body(RecordSignatureHelperExample, "ids@example.org", "application/hal+json")));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var row = Assert.Single(await SignaturesAsync(campaign.Slug));
        var details = PersonalDetails.Unprotect(fixture.Service<PersonalDataCipher>(), campaign.Slug, row.RowKey, row.GetString("Personal"));
        Assert.Equal(["foreign_system:1"], details.Identifiers);
        Assert.Equal(["foreign_system:1"], details.PersonIdentifiers);
        Assert.DoesNotContain("foreign_system", string.Join(",", row.Select(column => column.Value)));
        // Phone numbers are accepted and not kept (docs/decisions.md, "Phone numbers from partners").
        Assert.DoesNotContain("9876543210", JsonSerializer.Serialize(details));
        Assert.DoesNotContain("9876543210", string.Join(",", row.Select(column => column.Value)));
        Assert.False(row.ContainsKey("SignedAt"));
    }

    [Fact]
    public async Task A_plausible_action_date_is_kept_as_the_signing_time()
    {
        var campaign = await fixture.NewCampaignAsync();
        var signedAt = DateTimeOffset.UtcNow.AddHours(-3);
        var body = RecordSignatureHelperExample.Replace("2014-03-18T11:02:15Z", HalJson.Time(signedAt), StringComparison.Ordinal);

        var answer = await fixture.Http.SendAsync(Post(campaign.Slug, Body(body, "paper-form@example.org", "application/json")));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var row = Assert.Single(await SignaturesAsync(campaign.Slug));
        Assert.Equal(signedAt.ToUnixTimeSeconds(), row.GetDateTimeOffset("SignedAt")!.Value.ToUnixTimeSeconds());
        Assert.True(row.GetDateTimeOffset("ReceivedAt") > signedAt.AddHours(2));
    }

    [Theory]
    [InlineData("application/hal+json", "")]
    [InlineData("application/json;q=0.5, application/hal+json", "")]
    [InlineData(null, "?osdi=1")]
    public async Task An_OSDI_client_gets_the_signature_in_OSDI_shape_the_same_for_a_first_and_a_repeated_signature(string? accept, string query)
    {
        var campaign = await fixture.NewCampaignAsync();
        async Task<JsonElement> SignAsync()
        {
            var request = Post(campaign.Slug, Body(ActionNetworkPersonSignupBody.Replace("\"status\": \"subscribed\",", "\"identifiers\": [\"action_network:sig-1\"],", StringComparison.Ordinal),
                "osdi-answer@example.org", "application/json"));
            request.RequestUri = new Uri(request.RequestUri!.OriginalString + query, UriKind.Relative);
            if (accept is not null) request.Headers.Accept.ParseAdd(accept);
            var answer = await fixture.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            Assert.Equal("application/hal+json", answer.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        }

        var first = await SignAsync();
        var repeat = await SignAsync();

        Assert.Equal(["action_network:sig-1"], first.GetProperty("identifiers").EnumerateArray().Select(id => id.GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", first.GetProperty("created_date").GetString());
        Assert.Equal("email-2026-05-blast-es", first.GetProperty("referrer_data").GetProperty("source").GetString());
        Assert.Equal("received", first.GetProperty("petitionfunctions:status").GetString());
        Assert.StartsWith("¡Gracias!", first.GetProperty("petitionfunctions:message").GetString());
        var links = first.GetProperty("_links");
        Assert.EndsWith($"/api/campaigns/{campaign.Slug}", links.GetProperty("osdi:petition").GetProperty("href").GetString());
        Assert.Equal("osdi", links.GetProperty("curies")[0].GetProperty("name").GetString());
        Assert.False(links.TryGetProperty("self", out _));
        static string WithoutTimes(JsonElement answer) => JsonSerializer.Serialize(
            answer.EnumerateObject().Where(field => !field.Name.EndsWith("_date", StringComparison.Ordinal)).ToDictionary(field => field.Name, field => field.Value));
        Assert.Equal(WithoutTimes(first), WithoutTimes(repeat));
        Assert.Single(await SignaturesAsync(campaign.Slug));
    }

    [Fact]
    public async Task A_client_that_does_not_ask_for_OSDI_gets_the_plain_receipt()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.SendAsync(Post(campaign.Slug, Body(RecordSignatureHelperExample, "plain@example.org", "application/hal+json")));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        var receipt = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("received", receipt.GetProperty("status").GetString());
        Assert.False(receipt.TryGetProperty("_links", out _));
    }

    [Fact]
    public async Task A_field_error_points_at_the_list_entry_that_was_used()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string body = """
            {"person": {"given_name": "Ana", "family_name": "Pérez",
              "email_addresses": [{"address": "old@example.org"}, {"address": "not an address", "primary": true}],
              "postal_addresses": [{"postal_code": "10027"}, "not an object", {"postal_code": "??", "primary": true}]}}
            """;

        var answer = await fixture.Http.SendAsync(Post(campaign.Slug, Body(body, "", "application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("person.email_addresses[1].address", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("person.postal_addresses[2].postal_code", out _), errors.GetRawText());
        Assert.Equal(2, errors.EnumerateObject().Count());
    }
}
