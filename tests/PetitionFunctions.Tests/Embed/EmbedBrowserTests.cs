using System.Net;
using Microsoft.Playwright;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;
using PetitionFunctions.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PetitionFunctions.Tests.Embed;

/// <summary>
/// The embeddable sign form in a real browser, on partner pages served from other origins, against the
/// local host: render, sign in Spanish, confirm by email, see the count go up; field errors; a page the
/// campaign does not allow; a hostile stylesheet.
/// </summary>
public sealed class EmbedBrowserTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_signer_signs_in_Spanish_on_a_partner_page_confirms_by_email_and_the_count_shows_it()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        var email = $"ana-{Guid.NewGuid():n}@example.org";
        var pageUrl = EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug);
        var apiOrigin = fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority);

        await using (var context = await fixture.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            var requests = new List<string>();
            var pageErrors = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync(pageUrl);

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = campaign.Title.Es })).ToBeVisibleAsync(Visible);
            await Expect(page.GetByLabel("Nombre", new() { Exact = true })).ToBeVisibleAsync(Visible);
            await Expect(page.GetByLabel("Apellido", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Correo electrónico", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Código postal", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Ciudad (opcional)", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Estado (opcional)", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Comentario (opcional)", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Correo electrónico", new() { Exact = true })).ToHaveAttributeAsync("autocomplete", "email");
            await Expect(page.GetByLabel("Nombre", new() { Exact = true })).ToHaveAttributeAsync("required", "");
            await Expect(page.Locator("progress")).ToHaveJSPropertyAsync("value", 0);
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "firmas" })).ToHaveTextAsync("0 de 2.500 firmas");
            await Screenshot(page, "embed-1-rendered");

            await page.GetByLabel("Nombre", new() { Exact = true }).FillAsync("Ana");
            await page.GetByLabel("Apellido", new() { Exact = true }).FillAsync("Pérez");
            await page.GetByLabel("Correo electrónico", new() { Exact = true }).FillAsync(email);
            await page.GetByLabel("Código postal", new() { Exact = true }).FillAsync("10027");
            await page.GetByLabel("Ciudad (opcional)", new() { Exact = true }).FillAsync("Nueva York");
            await page.GetByLabel("Estado (opcional)", new() { Exact = true }).FillAsync("NY");
            await page.GetByLabel("Comentario (opcional)", new() { Exact = true }).FillAsync("Por mi familia.");
            await page.GetByRole(AriaRole.Button, new() { Name = campaign.CallToAction.Es }).ClickAsync();

            var thanks = page.GetByText("¡Gracias! Revise su correo para confirmar su firma.");
            await Expect(thanks).ToBeVisibleAsync(Visible);
            await Expect(thanks).ToBeFocusedAsync();
            await Expect(page.Locator("form")).ToHaveCountAsync(0);
            await Screenshot(page, "embed-2-thank-you");

            // Only the partner's own page and the API were contacted; nothing was kept in the browser.
            Assert.All(requests, url => Assert.True(url.StartsWith(fixture.AllowedOrigin + "/", StringComparison.Ordinal) || url.StartsWith(apiOrigin + "/", StringComparison.Ordinal), url));
            Assert.Empty(await context.CookiesAsync());
            Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
            Assert.Empty(pageErrors);
        }

        var message = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, email, 1));
        var confirmed = await Outbox.ConfirmLink(message).FollowAsync(fixture.Http);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        await using (var context = await fixture.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(pageUrl);
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "firmas" })).ToHaveTextAsync("1 de 2.500 firmas", new() { Timeout = 20_000 });
            await Expect(page.Locator("progress")).ToHaveJSPropertyAsync("value", 1);
            await Screenshot(page, "embed-3-count-updated");
        }

        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(email, StringComparison.OrdinalIgnoreCase) || line.Contains("Pérez"));
    }

    [Fact]
    public async Task Field_errors_are_listed_in_Spanish_and_marked_on_their_fields_and_nothing_is_stored()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug));

        var givenName = page.GetByLabel("Nombre", new() { Exact = true });
        var familyName = page.GetByLabel("Apellido", new() { Exact = true });
        var emailField = page.GetByLabel("Correo electrónico", new() { Exact = true });
        await Expect(givenName).ToBeVisibleAsync(Visible);
        await givenName.FillAsync("Ana");
        await emailField.FillAsync("esto-no-es-un-correo");
        await page.GetByLabel("Código postal", new() { Exact = true }).FillAsync("10027");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = campaign.CallToAction.Es });
        await submit.ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("Apellido: Este campo es obligatorio.", new() { Timeout = 20_000 });
        await Expect(summary).ToContainTextAsync("Correo electrónico: Escriba un correo electrónico válido, como nombre@ejemplo.org.");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Expect(familyName).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(emailField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(givenName).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(familyName).ToHaveAccessibleDescriptionAsync("Este campo es obligatorio.");
        await Expect(emailField).ToHaveAccessibleDescriptionAsync("Escriba un correo electrónico válido, como nombre@ejemplo.org.");
        await Expect(submit).ToBeEnabledAsync();
        await Screenshot(page, "embed-4-field-errors");

        // Keyboard users (and screen readers) follow the summary's link to the field.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Apellido: Este campo es obligatorio." }).PressAsync("Enter");
        await Expect(familyName).ToBeFocusedAsync();

        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task The_honeypot_field_is_off_screen_out_of_the_tab_order_and_hidden_from_assistive_technology()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug));
        await Expect(page.GetByLabel("Nombre", new() { Exact = true })).ToBeVisibleAsync(Visible);

        var trap = page.Locator("input[name=website]");
        await Expect(trap).ToHaveCountAsync(1);
        await Expect(trap).ToHaveAttributeAsync("tabindex", "-1");
        await Expect(trap).ToHaveAttributeAsync("autocomplete", "off");
        var box = await trap.BoundingBoxAsync();
        Assert.True(box is null || box.X + box.Width <= 0, "the honeypot is drawn where people can see it");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Website" })).ToHaveCountAsync(0);
        await Expect(trap).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_bot_that_fills_the_hidden_website_input_is_thanked_but_nothing_is_stored_and_the_post_carries_the_JSON_honeypot_name()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var posted = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/signatures", StringComparison.Ordinal)) posted.Add(request.PostData ?? "");
        };
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug));
        await Expect(page.GetByLabel("Nombre", new() { Exact = true })).ToBeVisibleAsync(Visible);

        // A bot fills every input, the trap included.
        await page.Locator("input[name=website]").EvaluateAsync("input => input.value = 'http://spam.example'");
        await page.GetByLabel("Nombre", new() { Exact = true }).FillAsync("Bot");
        await page.GetByLabel("Apellido", new() { Exact = true }).FillAsync("Spam");
        await page.GetByLabel("Correo electrónico", new() { Exact = true }).FillAsync($"bot-{Guid.NewGuid():n}@spam.example");
        await page.GetByLabel("Código postal", new() { Exact = true }).FillAsync("10027");
        await page.GetByRole(AriaRole.Button, new() { Name = campaign.CallToAction.Es }).ClickAsync();

        await Expect(page.GetByText("¡Gracias! Revise su correo para confirmar su firma.")).ToBeVisibleAsync(Visible);
        var body = Assert.Single(posted);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal("http://spam.example", json.RootElement.GetProperty(PetitionFunctions.Intake.SignatureParser.JsonHoneypotField).GetString());
        Assert.False(json.RootElement.TryGetProperty("website", out _));
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task A_page_the_campaign_does_not_allow_shows_no_form_and_tells_the_partner_which_origin_to_have_allowed()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (console) console.Add(message.Text); };
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.BlockedOrigin, campaign.Slug));

        var note = page.GetByRole(AriaRole.Status).Filter(new() { HasText = fixture.BlockedOrigin });
        await Expect(note).ToHaveTextAsync($"Este formulario aún no puede recibir firmas en este sitio: pida a los organizadores de la campaña que autoricen {fixture.BlockedOrigin}.", new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = campaign.Title.Es })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nombre", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(page.Locator("form")).ToHaveCountAsync(0);
        await Eventually.True(() => { lock (console) return console.Any(line => line.Contains($"add {fixture.BlockedOrigin} to its allowed_origins", StringComparison.Ordinal)); });
        await Screenshot(page, "embed-5-origin-not-allowed");

        // The allowed partner's page still gets its form.
        var allowed = await context.NewPageAsync();
        await allowed.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug));
        await Expect(allowed.GetByLabel("Nombre", new() { Exact = true })).ToBeVisibleAsync(Visible);
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task The_partner_page_s_css_neither_hides_nor_restyles_the_embed_and_the_embed_s_css_stays_inside()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug));

        var submit = page.GetByRole(AriaRole.Button, new() { Name = campaign.CallToAction.Es });
        await Expect(submit).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("form")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nombre", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("progress")).ToBeVisibleAsync();
        await Expect(submit).Not.ToHaveCSSAsync("font-size", "40px");
        await Expect(submit).Not.ToHaveCSSAsync("color", "rgb(255, 0, 0)");
        await Expect(page.GetByLabel("Nombre", new() { Exact = true })).Not.ToHaveCSSAsync("font-size", "40px");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = campaign.Title.Es })).Not.ToHaveCSSAsync("color", "rgb(255, 0, 0)");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = campaign.Title.Es })).ToHaveCSSAsync("text-transform", "none");
        var box = await submit.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height is > 20 and < 80, $"The button is {box.Height}px high.");

        // The partner's own page keeps its own look: the hostile CSS applies there, the embed's does not leak out.
        await Expect(page.Locator("#partner-heading")).ToHaveCSSAsync("font-size", "40px");
        await Expect(page.Locator("#partner-subheading")).ToHaveCSSAsync("color", "rgb(255, 0, 0)");
        await Expect(page.Locator("#partner-subheading")).ToHaveCSSAsync("text-transform", "uppercase");
        await Screenshot(page, "embed-6-hostile-page");
    }

    [Fact]
    public async Task An_open_page_fetches_the_count_again_after_a_minute()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug));
        var count = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "firmas" });
        await Expect(count).ToHaveTextAsync("0 de 2.500 firmas", new() { Timeout = 20_000 });

        var email = $"rosa-{Guid.NewGuid():n}@example.org";
        var signed = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Rosa", "Díaz", email, language: "es"));
        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        var message = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, email, 1));
        Assert.Equal(HttpStatusCode.OK, (await Outbox.ConfirmLink(message).FollowAsync(fixture.Http)).StatusCode);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        await page.Clock.FastForwardAsync("00:59");
        await Expect(count).ToHaveTextAsync("0 de 2.500 firmas");
        await page.Clock.FastForwardAsync("00:02");
        await Expect(count).ToHaveTextAsync("1 de 2.500 firmas", new() { Timeout = 20_000 });
        await Expect(page.Locator("progress")).ToHaveJSPropertyAsync("value", 1);
    }

    [Fact]
    public async Task A_sign_on_letter_shows_its_title_description_and_count_but_not_the_petition_form()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Letter, Goal = 200, AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, campaign.Slug));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = campaign.Title.Es })).ToBeVisibleAsync(Visible);
        await Expect(page.GetByText(campaign.Description.Es)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "respaldos" })).ToHaveTextAsync("0 de 200 respaldos");
        await Expect(page.Locator("progress")).ToBeVisibleAsync();
        // A letter is endorsed, not signed: its form is the endorse form (EndorseBrowserTests), never the petition's.
        await Expect(page.GetByLabel("Apellido")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_script_is_served_as_javascript_to_any_site_with_a_short_cache()
    {
        var answer = await fixture.Http.GetAsync("embed.js");
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/javascript", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", answer.Content.Headers.ContentType?.CharSet);
        Assert.Equal("public, max-age=300", answer.Headers.CacheControl?.ToString());
        Assert.Equal("*", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("attachShadow", body);
        Assert.DoesNotContain("innerHTML", body);
        Assert.DoesNotContain("localStorage", body);
        Assert.DoesNotContain("document.cookie", body);
    }

    private async Task Screenshot(IPage page, string name)
    {
        var path = fixture.Screenshot(name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 20_000 });
        Assert.True(new FileInfo(path).Length > 0, $"The screenshot {path} is empty.");
    }
}
