using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using PetitionFunctions.Access;
using PetitionFunctions.Counting;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>The admin console in Debian's Chromium: sign-in, the campaign list with live counts, a state change, both languages, and axe-core's scan.</summary>
public sealed class ConsoleBrowserTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    private string AdminToken() => ConsolePages.Token(fixture, AdminRoles.Admin);

    private Task<IPage> OpenAsync(IBrowserContext context, string? token = null) => ConsolePages.OpenAsync(fixture, context, token);

    private static Task<List<string>> SeriousViolationsAsync(IPage page) => ConsolePages.SeriousViolationsAsync(page);

    [Fact]
    public async Task The_run_command_s_link_signs_in_and_lists_campaigns_with_their_state_and_count_and_an_admin_closes_one()
    {
        var campaign = await fixture.NewCampaignAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("Rosa", "Parks", $"rosa.{Guid.NewGuid():n}@example.org"))).StatusCode);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        await using var context = await ConsolePages.ScannableContextAsync(fixture);

        var page = await OpenAsync(context, AdminToken());

        var row = page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug });
        await Assertions.Expect(row).ToContainTextAsync("open");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1");
        // The token came in the fragment, is gone from the address bar, and nothing was stored in the browser.
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-campaigns"), FullPage = true });
        Assert.Empty(await SeriousViolationsAsync(page));

        // The dashboard: the figures, and each chart a table of labels and numbers with a drawn bar beside each.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Dashboard of {campaign.Title.En}" }).ClickAsync();
        var title = page.GetByRole(AriaRole.Heading, new() { Name = $"Dashboard: {campaign.Title.En}" });
        await Assertions.Expect(title).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#dashboard-figures")).ToContainTextAsync("100 %");
        var byDay = page.GetByRole(AriaRole.Table, new() { Name = "Confirmed signatures by day (net)" });
        await Assertions.Expect(byDay.GetByRole(AriaRole.Row, new() { Name = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "By region" }).GetByRole(AriaRole.Row, new() { Name = "NY 1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Signatures by state" }).GetByRole(AriaRole.Row, new() { Name = "confirmed 1" })).ToBeVisibleAsync();
        Assert.Equal(1, await byDay.Locator("svg rect").CountAsync());
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-dashboard"), FullPage = true });
        Assert.Empty(await SeriousViolationsAsync(page));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Close {campaign.Title.En}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{campaign.Slug} is closed.");
        await Assertions.Expect(row).ToContainTextAsync("closed");
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        Assert.Contains("\"state\":\"closed\"", await admin.GetStringAsync($"manage/campaigns/{campaign.Slug}"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_API_gives_counts_breakdowns_by_day_and_signatures_by_state_with_the_confirmation_rate()
    {
        var campaign = await fixture.NewCampaignAsync();
        foreach (var name in new[] { "Ana", "Luis", "Marta" })
            await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi(name, "Dash", $"{name}.{Guid.NewGuid():n}@example.org"));
        var keys = (await fixture.SignatureRowsAsync(campaign.Slug)).Where(r => !r.RowKey.Contains('-')).Select(r => r.RowKey).ToList();
        await fixture.Service<PetitionFunctions.Signatures.SignatureTable>().ConfirmAsync(campaign.Slug, keys[0], DateTimeOffset.UtcNow, CancellationToken.None);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        var view = JsonDocument.Parse(await admin.GetStringAsync($"manage/campaigns/{campaign.Slug}/dashboard")).RootElement;

        Assert.Equal(1, view.GetProperty("count").GetInt32());
        Assert.Equal(1, view.GetProperty("by_day").GetProperty(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).GetInt32());
        Assert.Equal(1, view.GetProperty("signatures").GetProperty("confirmed").GetInt32());
        Assert.Equal(2, view.GetProperty("signatures").GetProperty("unconfirmed").GetInt32());
        Assert.Equal(0.3333, view.GetProperty("confirmation_rate").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("manage/campaigns/no-such-campaign/dashboard")).StatusCode);
        using var reader = fixture.AdminClient(AdminRoles.Stories);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"manage/campaigns/{campaign.Slug}/dashboard")).StatusCode);
    }

    [Fact]
    public async Task An_admin_approves_an_endorsement_from_the_moderation_queue_and_the_other_waits()
    {
        var letter = await fixture.NewLetterAsync();
        var suffix = Guid.NewGuid().ToString("n")[..8];
        foreach (var name in new[] { "Casa Amiga", "Iglesia Unida" })
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
                Endorse.Organization($"{name} {suffix}", $"https://{suffix}{name.Length}.example.org", $"director@{suffix}{name.Length}.example.org"))).StatusCode);
        await using var context = await ConsolePages.ScannableContextAsync(fixture);
        var page = await OpenAsync(context, AdminToken());

        await page.Locator("#campaign-rows tr").Filter(new() { HasText = letter.Slug })
            .GetByRole(AriaRole.Button, new() { Name = $"Endorsements of {letter.Title.En}", Exact = true }).ClickAsync();
        var queue = page.Locator("#endorsement-rows");
        await Assertions.Expect(queue.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select Casa Amiga {suffix}" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve selected" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 endorsements approved.");
        await Assertions.Expect(queue.GetByRole(AriaRole.Row)).ToHaveCountAsync(1);
        await Assertions.Expect(queue).ToContainTextAsync($"Iglesia Unida {suffix}");
        await page.GetByLabel("Show").SelectOptionAsync(new SelectOptionValue { Label = "Every endorsement" });
        await Assertions.Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Casa Amiga {suffix}" })).ToContainTextAsync("approved");
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-endorsements"), FullPage = true });
        Assert.Empty(await SeriousViolationsAsync(page));
        var approved = JsonDocument.Parse(await fixture.AdminClient(AdminRoles.Admin).GetStringAsync($"manage/campaigns/{letter.Slug}/endorsements?moderation=approved"));
        Assert.Equal($"Casa Amiga {suffix}", Assert.Single(approved.RootElement.GetProperty("endorsements").EnumerateArray()).GetProperty("organization").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_admin_creates_a_campaign_in_both_languages_sees_the_API_s_field_errors_beside_the_fields_then_edits_it()
    {
        var slug = $"console-{Guid.NewGuid():n}"[..20];
        await using var context = await ConsolePages.ScannableContextAsync(fixture);
        var page = await OpenAsync(context, AdminToken());
        await page.GetByRole(AriaRole.Button, new() { Name = "New campaign" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New campaign" })).ToBeFocusedAsync();

        await page.Locator("#field-slug").FillAsync(slug);
        await page.Locator("#field-state").SelectOptionAsync("open");
        await page.Locator("#field-title-en").FillAsync("Protect our neighbours");
        await page.Locator("#field-title-es").FillAsync("Protejamos a nuestros vecinos");
        await page.Locator("#field-description-en").FillAsync("Ask the governor to end the data sharing.");
        await page.Locator("#field-call-to-action-en").FillAsync("Sign now");
        await page.Locator("#field-call-to-action-es").FillAsync("Firme ahora");
        await page.Locator("#field-target-name").FillAsync("Governor Example");
        await page.Locator("#field-target-title").FillAsync("Governor");
        await page.Locator("#field-target-delivery-email").FillAsync("governor@example.org");
        await page.Locator("#field-goal").FillAsync("500");
        await page.Locator("#field-allowed-origins").FillAsync("https://partner.example\nnot an origin");
        await page.Locator("#field-rate-limits").FillAsync("3 600");
        await page.Locator("#field-delivery-weekly-day").SelectOptionAsync("monday");
        await page.Locator("#field-delivery-weekly-hour-utc").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();

        // The API refused two fields; each says so beside itself, and the first is focused.
        await Assertions.Expect(page.Locator("#field-description-es-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#field-allowed-origins-error")).ToContainTextAsync("line 2: ");
        await Assertions.Expect(page.Locator("#field-allowed-origins")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 fields need attention");
        await Assertions.Expect(page.Locator("#field-description-es")).ToBeFocusedAsync();
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-campaign-errors"), FullPage = true });
        Assert.Empty(await SeriousViolationsAsync(page));
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"manage/campaigns/{slug}")).StatusCode);

        await page.Locator("#field-description-es").FillAsync("Pida al gobernador que deje de compartir datos.");
        await page.Locator("#field-allowed-origins").FillAsync("https://partner.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{slug} is saved.");
        var row = page.Locator("#campaign-rows tr").Filter(new() { HasText = slug });
        await Assertions.Expect(row).ToContainTextAsync("open");
        var created = JsonDocument.Parse(await admin.GetStringAsync($"manage/campaigns/{slug}")).RootElement;
        Assert.Equal("Protejamos a nuestros vecinos", created.GetProperty("title").GetProperty("es").GetString());
        Assert.Equal("https://partner.example", created.GetProperty("allowed_origins")[0].GetString());
        Assert.Equal(600, created.GetProperty("rate_limits")[0].GetProperty("window_seconds").GetInt32());
        Assert.Equal("monday", created.GetProperty("delivery").GetProperty("weekly_day").GetString());

        // Editing starts from the campaign as stored; a change to one field keeps the rest.
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit Protect our neighbours" }).ClickAsync();
        await Assertions.Expect(page.Locator("#field-goal")).ToHaveValueAsync("500");
        await page.Locator("#field-goal").FillAsync("750");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{slug} is saved.");
        var edited = JsonDocument.Parse(await admin.GetStringAsync($"manage/campaigns/{slug}")).RootElement;
        Assert.Equal(750, edited.GetProperty("goal").GetInt32());
        Assert.Equal("https://partner.example", edited.GetProperty("allowed_origins")[0].GetString());
        Assert.Equal(3, edited.GetProperty("rate_limits")[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_admin_erases_a_person_by_email_after_a_confirmation_step_and_sees_what_was_erased()
    {
        var campaign = await fixture.NewCampaignAsync();
        var address = $"borrar.{Guid.NewGuid():n}@example.org";
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Lupe", "Borrada", address))).StatusCode);
        await using var context = await ConsolePages.ScannableContextAsync(fixture);
        var page = await OpenAsync(context, AdminToken());

        await page.GetByRole(AriaRole.Button, new() { Name = "Erase a person" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erasure-email-error")).ToHaveTextAsync("Give an email address, a phone number or both.");
        await Assertions.Expect(page.GetByLabel("Email address")).ToBeFocusedAsync();

        await page.GetByLabel("Email address").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erasure-question")).ToHaveTextAsync($"Erase {address} from every campaign? This cannot be undone.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, erase" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, erase" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Erased.");
        await Assertions.Expect(page.Locator("#erasure-result")).ToContainTextAsync("Signatures erased1");
        await Assertions.Expect(page.GetByLabel("Email address")).ToHaveValueAsync("");
        Assert.Empty(await SeriousViolationsAsync(page));
        // Asked again, the API finds nothing left of the person.
        var again = JsonDocument.Parse(await (await fixture.AdminClient(AdminRoles.Admin).PostAsync("manage/erasures",
            System.Net.Http.Json.JsonContent.Create(new { email = address }))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, again.GetProperty("signatures").GetInt32());
    }

    [Fact]
    public async Task Without_a_token_it_asks_for_one_and_a_refused_token_says_so_in_the_live_region()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenAsync(context);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Access token").FillAsync("not-a-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with this token" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("HTTP 401");
        await Assertions.Expect(page.Locator("#campaigns")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task In_Spanish_on_a_375_px_phone_the_pasted_token_signs_in_and_the_page_has_no_serious_accessibility_violations()
    {
        var campaign = await fixture.NewCampaignAsync();
        await using var context = await ConsolePages.ScannableContextAsync(fixture, "es-MX", 375, 812);
        var page = await OpenAsync(context);

        await page.GetByLabel("Token de acceso").FillAsync(AdminToken());
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión con este token" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campañas" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug })).ToContainTextAsync("abierta");
        Assert.Equal("es", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 375 px.");
        // Each campaign is a card: its buttons are on screen, not in a table scrolled sideways.
        var close = page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug }).GetByRole(AriaRole.Button, new() { Name = $"Cerrar {campaign.Title.Es}" });
        var box = await close.BoundingBoxAsync();
        Assert.True(box is { } b && b.X + b.Width <= 375, $"The close button is off screen at 375 px: {box?.X} + {box?.Width}.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = campaign.Slug })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-campaigns-es-375"), FullPage = true });
        Assert.Empty(await SeriousViolationsAsync(page));
    }
}
