using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PetitionFunctions.Access;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>The console's trend alerts in Debian's Chromium: an alert fills the condition, the preview counts, the signatures are set aside after a question, and the undo restores them.</summary>
public sealed class ConsoleTrendsTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    private async Task SignAsync(string slug, IPAddress address, string domain, int people)
    {
        using var client = ClientComputers.From(fixture.Http.BaseAddress!, address);
        for (var i = 0; i < people; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"campaigns/{slug}/signatures",
                Requests.Osdi("Lupe", $"N{i}", $"lupe.{Guid.NewGuid():n}@{domain}"))).StatusCode);
    }

    private async Task<int> MatchingAsync(string slug, string domain)
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var answer = await admin.PostAsJsonAsync($"manage/campaigns/{slug}/invalidations/preview", new { email_domain = domain });
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task An_admin_uses_an_alert_as_the_condition_previews_it_sets_the_signatures_aside_and_undoes_it()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { RateLimits = [] });
        var domain = $"trend-{Guid.NewGuid():n}"[..20] + ".example";
        await SignAsync(campaign.Slug, ClientComputers.NewAddress(), domain, 6);
        await SignAsync(campaign.Slug, ClientComputers.NewAddress(), "example.org", 1);
        await fixture.Service<TrendDetector>().DetectAsync(CancellationToken.None);
        await using var context = await ConsolePages.ScannableContextAsync(fixture);
        var page = await ConsolePages.OpenAsync(fixture, context, ConsolePages.Token(fixture, AdminRoles.Admin));

        await page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug })
            .GetByRole(AriaRole.Button, new() { Name = $"Trend alerts of {campaign.Title.En}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Trend alerts: {campaign.Title.En}" })).ToBeFocusedAsync();
        var alerts = page.Locator("#trend-rows tr");
        await Assertions.Expect(alerts).ToHaveCountAsync(2);
        await Assertions.Expect(alerts.Filter(new() { HasText = domain })).ToContainTextAsync("email domain");
        // The address alert shows the address's hash, never the address.
        await Assertions.Expect(alerts.Filter(new() { HasText = "address " })).Not.ToContainTextAsync("127.");

        // A condition the API refuses: its reason beside the field, which takes the focus.
        await page.GetByLabel("Email domain, or its hash").FillAsync("not a domain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#trend-email_domain-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByLabel("Email domain, or its hash")).ToBeFocusedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Use as condition: {domain}" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Email domain, or its hash")).ToHaveValueAsync(domain);
        await Assertions.Expect(page.Locator("#trend-email_domain-error")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#trend-preview")).ToHaveTextAsync("6 signatures match; 0 of them are flagged.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Set these signatures aside" }).ClickAsync();
        await Assertions.Expect(page.Locator("#trend-question")).ToContainTextAsync("Set aside the 6 signatures that match?");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, set them aside" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, set them aside" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("6 signatures set aside.");
        Assert.Equal(0, await MatchingAsync(campaign.Slug, domain));
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-trends"), FullPage = true });
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));

        var undo = page.Locator("#trend-operations").GetByRole(AriaRole.Button, new() { Name = "Undo setting aside 6 signatures" });
        await Assertions.Expect(undo).ToBeFocusedAsync();
        await undo.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("6 signatures restored.");
        await Assertions.Expect(page.Locator("#trend-operations")).ToContainTextAsync("undone, 6 signatures restored");
        Assert.Equal(6, await MatchingAsync(campaign.Slug, domain));
    }
}
