using System.Net;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

/// <summary>
/// A plain HTML form posted by a browser without JavaScript shows the answer as it is: a refusal is then a
/// page in the form's language, with each field's problem and a link back to the form, not problem+json.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class FormErrorPageTests(LocalHostFixture fixture)
{
    private static HttpRequestMessage BrowserForm(string url, string? origin, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        request.Headers.Referrer = new Uri("https://partner.example/sign-here");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task Bad_fields_get_a_page_in_the_forms_language_naming_each_field_with_a_link_back()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.SendAsync(BrowserForm($"campaigns/{campaign.Slug}/signatures", "https://partner.example",
            ("given_name", "Ana"), ("email", "not-an-address"), ("language", "es")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"es\">", page);
        Assert.Contains("Algunos campos necesitan corrección.", page);
        Assert.Contains("(email)", page);
        Assert.Contains("(family_name)", page);
        Assert.Contains("href=\"https://partner.example/sign-here\"", page);
        Assert.Contains("Volver al formulario", page);
        Assert.DoesNotContain(await fixture.SignatureRowsAsync(campaign.Slug), r => PetitionFunctions.Signatures.DedupeKeys.IsSignatureKey(r.RowKey));
    }

    [Fact]
    public async Task A_page_the_campaign_does_not_allow_gets_its_403_as_a_page_in_the_forms_language()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.SendAsync(BrowserForm($"campaigns/{campaign.Slug}/signatures", "https://not-a-partner.example",
            ("given_name", "Ana"), ("family_name", "Ruiz"), ("email", "ana.page@example.org"), ("postal_code", "10027"), ("language", "es")));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Este sitio web no está autorizado", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_script_posting_a_form_without_asking_for_html_still_gets_problem_json()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Form(("given_name", "Ana"), ("language", "es")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"language\":\"es\"", await answer.Content.ReadAsStringAsync());
    }
}
