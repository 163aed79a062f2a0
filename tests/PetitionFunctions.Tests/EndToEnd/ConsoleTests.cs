using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// The admin console in Chromium against the runtime, under the page's own Content-Security-Policy: one
/// admin with every role closes a campaign, edits another's goal, and redacts and publishes a story. Any
/// script error or policy violation the browser reports fails the test.
/// </summary>
public abstract class ConsoleTests<TFixture>(TFixture app) : IAsyncLifetime where TFixture : AppFixture
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await SystemChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    [EndToEndFact]
    public async Task An_admin_closes_a_campaign_edits_a_goal_and_redacts_and_publishes_a_story_from_the_console()
    {
        var closing = await app.NewCampaignAsync();
        var editing = await app.NewCampaignAsync();
        var stories = await app.NewCampaignAsync(CampaignKind.Stories);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"campaigns/{stories.Slug}/stories",
            JsonContent.Create(new { story = "Nos separaron en la frontera de Laredo.", language = "es", consent = "publish_anonymously" }))).StatusCode);
        await using var context = await _browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text + " " + message.Location); };
        page.PageError += (_, error) => errors.Add(error);
        var token = app.Tokens.Create([AdminRoles.Admin, AdminRoles.Stories, AdminRoles.Deliver], TimeSpan.FromMinutes(30));

        await page.GotoAsync(new Uri(app.BaseAddress, "api/console").AbsoluteUri + "#token=" + token);

        await Row(page, closing.Slug).GetByRole(AriaRole.Button, new() { Name = $"Close {closing.Title.En}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{closing.Slug} is closed.");

        await Row(page, editing.Slug).GetByRole(AriaRole.Button, new() { Name = $"Edit {editing.Title.En}" }).ClickAsync();
        await page.Locator("#field-goal").FillAsync("4321");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{editing.Slug} is saved.");

        await Row(page, stories.Slug).GetByRole(AriaRole.Button, new() { Name = $"Stories of {stories.Title.En}" }).ClickAsync();
        await page.Locator("#story-rows").GetByRole(AriaRole.Button, new() { Name = "Read" }).ClickAsync();
        await Assertions.Expect(page.Locator("#story-text")).ToHaveTextAsync("Nos separaron en la frontera de Laredo.");
        await page.GetByLabel("Redacted, in Spanish").FillAsync("Nos separaron en la frontera.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the redaction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The redaction is saved.");
        await page.GetByLabel("Publish on the campaign's page").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the approval" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The approval is saved.");

        using var admin = app.AdminClient(AdminRoles.Admin);
        Assert.Equal("closed", JsonDocument.Parse(await admin.GetStringAsync($"manage/campaigns/{closing.Slug}")).RootElement.GetProperty("state").GetString());
        Assert.Equal(4321, JsonDocument.Parse(await admin.GetStringAsync($"manage/campaigns/{editing.Slug}")).RootElement.GetProperty("goal").GetInt32());
        var published = JsonDocument.Parse(await app.Http.GetStringAsync($"campaigns/{stories.Slug}/stories?lang=es")).RootElement;
        Assert.Equal("Nos separaron en la frontera.", Assert.Single(published.GetProperty("stories").EnumerateArray()).GetProperty("text").GetString());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static ILocator Row(IPage page, string slug) => page.Locator("#campaign-rows tr").Filter(new() { HasText = slug });
}

[Collection(RealHostCollection.Name)]
public sealed class ConsoleOnRealHost(RealHostFixture app) : ConsoleTests<RealHostFixture>(app);

[Collection(StandInCollection.Name)]
public sealed class ConsoleOnStandIn(StandInFixture app) : ConsoleTests<StandInFixture>(app);
