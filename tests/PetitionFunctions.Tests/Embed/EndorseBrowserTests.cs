using System.Net;
using Microsoft.Playwright;
using PetitionFunctions.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PetitionFunctions.Tests.Embed;

/// <summary>
/// A letter embedded on a partner page, in a real browser: the endorse form in Spanish, field errors from
/// the API, the thank-you, and the public list of approved endorsers by scope once an admin approves.
/// </summary>
public sealed class EndorseBrowserTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task The_endorse_form_has_a_hidden_homepage_url_honeypot_and_a_bot_that_fills_it_is_thanked_but_nothing_is_stored()
    {
        var letter = await fixture.NewLetterAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin] });
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, letter.Slug));
        await Expect(page.GetByLabel("Sitio web", new() { Exact = true })).ToBeVisibleAsync(Visible);

        var trap = page.Locator("input[name=homepage_url]");
        await Expect(trap).ToHaveCountAsync(1);
        await Expect(trap).ToHaveAttributeAsync("tabindex", "-1");
        await Expect(trap).ToHaveAttributeAsync("autocomplete", "off");
        var box = await trap.BoundingBoxAsync();
        Assert.True(box is null || box.X + box.Width <= 0, "the honeypot is drawn where people can see it");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Homepage" })).ToHaveCountAsync(0);

        // A bot fills every input, the trap included.
        await trap.EvaluateAsync("input => input.value = 'http://spam.example'");
        await page.GetByLabel("Nombre de la organización", new() { Exact = true }).FillAsync("Spam Org");
        await page.GetByLabel("Sitio web", new() { Exact = true }).FillAsync("spam.example");
        await page.GetByLabel("Alcance", new() { Exact = true }).SelectOptionAsync("national");
        await page.GetByLabel("Su nombre", new() { Exact = true }).FillAsync("Bot");
        await page.GetByLabel("Su cargo", new() { Exact = true }).FillAsync("Bot");
        await page.GetByLabel("Su correo electrónico", new() { Exact = true }).FillAsync("bot@spam.example");
        await page.GetByRole(AriaRole.Button, new() { Name = letter.CallToAction.Es }).ClickAsync();

        await Expect(page.GetByText("¡Gracias! Revise su correo para confirmar el respaldo.")).ToBeVisibleAsync(Visible);
        Assert.Empty(await fixture.EndorsementRowsAsync(letter.Slug));
    }

    [Fact]
    public async Task An_organisation_endorses_a_letter_in_Spanish_and_appears_in_the_list_once_confirmed_and_approved()
    {
        var letter = await fixture.NewLetterAsync(c => c with { AllowedOrigins = [fixture.AllowedOrigin], AllowsIndividualEndorsements = true });
        var email = $"lucia-{Guid.NewGuid():n}@casa-latina.example";
        var pageUrl = EmbedBrowserFixture.PageFor(fixture.AllowedOrigin, letter.Slug);

        await using (var context = await fixture.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync(pageUrl);

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = letter.Title.Es })).ToBeVisibleAsync(Visible);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Respaldan esta carta" })).ToBeVisibleAsync(Visible);
            await Expect(page.GetByText("Todavía no hay respaldos publicados.")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Una organización" })).ToBeCheckedAsync();

            // Errors first: the API's field errors land next to their fields, in Spanish.
            await page.GetByLabel("Nombre de la organización", new() { Exact = true }).FillAsync("Casa Latina");
            var submit = page.GetByRole(AriaRole.Button, new() { Name = letter.CallToAction.Es });
            await submit.ClickAsync();
            var summary = page.GetByRole(AriaRole.Alert);
            await Expect(summary).ToContainTextAsync("Sitio web: Este campo es obligatorio.", new() { Timeout = 20_000 });
            await Expect(summary).ToContainTextAsync("Alcance: Este campo es obligatorio.");
            await Expect(page.GetByLabel("Su correo electrónico", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
            Assert.Empty((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());

            await page.GetByLabel("Sitio web", new() { Exact = true }).FillAsync("casa-latina.example");
            await page.GetByLabel("Alcance", new() { Exact = true }).SelectOptionAsync("local");
            await page.GetByLabel("Ciudad", new() { Exact = true }).FillAsync("Queens");
            await page.GetByLabel("Estado", new() { Exact = true }).FillAsync("NY");
            await page.GetByLabel("Su nombre", new() { Exact = true }).FillAsync("Lucía Mendoza");
            await page.GetByLabel("Su cargo", new() { Exact = true }).FillAsync("Directora");
            await page.GetByLabel("Su correo electrónico", new() { Exact = true }).FillAsync(email);
            await page.GetByLabel("Mostrar este respaldo públicamente").CheckAsync();
            await submit.ClickAsync();

            var thanks = page.GetByText("¡Gracias! Revise su correo para confirmar el respaldo.");
            await Expect(thanks).ToBeVisibleAsync(Visible);
            await Expect(thanks).ToBeFocusedAsync();
            await page.ScreenshotAsync(new() { Path = fixture.Screenshot("endorse-1-thank-you"), FullPage = true });
            Assert.Empty(pageErrors);
        }

        var row = Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());
        Assert.True(row.GetBoolean("ListPublicly"));
        Assert.Equal("es", row.GetString("Language"));
        var message = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, email, 1));
        Assert.Equal(HttpStatusCode.OK, (await Endorse.ConfirmLink(message).FollowAsync(fixture.Http)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.ModerateAsync(letter.Slug, "approved", row.RowKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
            Endorse.Individual("Rev. Juan Ortiz", "juan@example.org"))).StatusCode);
        var person = (await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements().Single(r => r.RowKey.StartsWith("person-", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await fixture.ModerateAsync(letter.Slug, "approved", person.RowKey)).StatusCode);

        await using (var context = await fixture.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(pageUrl);
            await Expect(page.GetByText("1 organización: 0 nacionales, 0 estatales, 1 locales · 1 líder")).ToBeVisibleAsync(Visible);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Locales" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Casa Latina (Queens, NY)" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Rev. Juan Ortiz, Pastor, Iglesia San Pablo, Queens" })).ToBeVisibleAsync();
            await Expect(page.GetByText(email)).ToHaveCountAsync(0);

            // An individual leader's form is one choice away.
            await page.GetByRole(AriaRole.Radio, new() { Name = "Un líder o una líder" }).CheckAsync();
            await Expect(page.GetByLabel("Congregación, sindicato o grupo", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Nombre de la organización", new() { Exact = true })).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = fixture.Screenshot("endorse-2-public-list"), FullPage = true });
        }
    }
}
