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
    private string ConsoleUrl => new Uri(fixture.Host.BaseAddress, "api/console").AbsoluteUri;

    private string AdminToken() => fixture.Host.Tokens!.Create([AdminRoles.Admin], TimeSpan.FromMinutes(30));

    private async Task<IPage> OpenAsync(IBrowserContext context, string? token = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(token is null ? ConsoleUrl : $"{ConsoleUrl}#token={token}");
        return page;
    }

    /// <summary>
    /// axe-core's scan of the page as it stands: the serious and critical violations, by rule. The script is
    /// injected by the test (the console's policy allows only its own scripts, so this context bypasses it).
    /// </summary>
    private static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run()).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }))");
        return result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("nodes").GetInt32()} nodes)")
            .ToList();
    }

    [Fact]
    public async Task The_run_command_s_link_signs_in_and_lists_campaigns_with_their_state_and_count_and_an_admin_closes_one()
    {
        var campaign = await fixture.NewCampaignAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("Rosa", "Parks", $"rosa.{Guid.NewGuid():n}@example.org"))).StatusCode);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "en-US", BypassCSP = true, ViewportSize = new() { Width = 1000, Height = 900 } });

        var page = await OpenAsync(context, AdminToken());

        var row = page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug });
        await Assertions.Expect(row).ToContainTextAsync("open");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1");
        // The token came in the fragment, is gone from the address bar, and nothing was stored in the browser.
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-campaigns"), FullPage = true });
        Assert.Empty(await SeriousViolationsAsync(page));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Close {campaign.Title.En}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{campaign.Slug} is closed.");
        await Assertions.Expect(row).ToContainTextAsync("closed");
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        Assert.Contains("\"state\":\"closed\"", await admin.GetStringAsync($"manage/campaigns/{campaign.Slug}"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_token_it_asks_for_one_and_a_refused_token_says_so_in_the_live_region()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenAsync(context);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Access token").FillAsync("not-a-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("HTTP 401");
        await Assertions.Expect(page.Locator("#campaigns")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task In_Spanish_on_a_375_px_phone_the_pasted_token_signs_in_and_the_page_has_no_serious_accessibility_violations()
    {
        var campaign = await fixture.NewCampaignAsync();
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "es-MX", BypassCSP = true, ViewportSize = new() { Width = 375, Height = 812 } });
        var page = await OpenAsync(context);

        await page.GetByLabel("Token de acceso").FillAsync(AdminToken());
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campañas" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug })).ToContainTextAsync("abierta");
        Assert.Equal("es", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 375 px.");
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-campaigns-es-375"), FullPage = true });
        Assert.Empty(await SeriousViolationsAsync(page));
    }
}
