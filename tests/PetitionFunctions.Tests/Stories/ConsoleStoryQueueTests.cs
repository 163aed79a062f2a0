using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Stories;

/// <summary>The console's story queue in Debian's Chromium, signed in with the stories role alone: read, redact, approve within consent, delete.</summary>
public sealed class ConsoleStoryQueueTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    private const string SpanishStory = "Me detuvieron en Queens por una luz trasera rota. A los tres días ICE me llevó al centro de Batavia.";
    private const string Redacted = "Me detuvieron por una luz rota. Días después ICE me llevó a un centro de detención.";
    private const string EnglishStory = "My brother has waited eleven years for his green card interview at the Garden City office.";

    private async Task PostStoryAsync(string slug, object story) =>
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{slug}/stories", JsonContent.Create(story))).StatusCode);

    [Fact]
    public async Task A_moderator_reads_a_story_on_request_redacts_it_approves_it_within_consent_and_deletes_another()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        await PostStoryAsync(campaign.Slug, new
        {
            story = SpanishStory, language = "es", name = "Xochitl Ybarra", contact = $"xochitl.{Guid.NewGuid():n}@example.org",
            county_or_city = "Suffolk", consent = "publish_anonymously", may_contact = true,
        });
        await PostStoryAsync(campaign.Slug, new { story = EnglishStory, language = "en", consent = "target_only" });
        await using var context = await ConsolePages.ScannableContextAsync(fixture);
        var page = await ConsolePages.OpenAsync(fixture, context, ConsolePages.Token(fixture, AdminRoles.Stories));

        // The stories role sees the campaign list and its own queue, not the campaign admin's buttons.
        var row = page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Stories of {campaign.Title.En}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Stories: {campaign.Title.En}" })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "New campaign" })).ToBeHiddenAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Close {campaign.Title.En}" })).ToHaveCountAsync(0);
        var queue = page.Locator("#story-rows");
        await Assertions.Expect(queue.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeHiddenAsync();
        // The list holds metadata alone: no text is decrypted until a moderator opens a story.
        Assert.DoesNotContain("Batavia", await page.ContentAsync(), StringComparison.Ordinal);

        var spanish = queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Spanish" });
        await Assertions.Expect(spanish).ToContainTextAsync("publish without their name");
        await Assertions.Expect(spanish).ToContainTextAsync("waiting for redaction");
        await spanish.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#story-text")).ToHaveTextAsync(SpanishStory);
        await Assertions.Expect(page.Locator("#story-facts")).ToContainTextAsync("Xochitl Ybarra");
        await Assertions.Expect(page.Locator("#story-heading")).ToBeFocusedAsync();
        // The writer's words start the Spanish redaction, to be edited down.
        await Assertions.Expect(page.GetByLabel("Redacted, in Spanish")).ToHaveValueAsync(SpanishStory);

        // Approving before any redaction is saved: the API's reason shows beside the box.
        await page.GetByLabel("Publish on the campaign's page").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the approval" }).ClickAsync();
        await Assertions.Expect(page.Locator("#story-publish-error")).ToContainTextAsync("Write a redacted version first");
        await Assertions.Expect(page.GetByLabel("Publish on the campaign's page")).ToBeFocusedAsync();

        await page.GetByLabel("Redacted, in Spanish").FillAsync(Redacted);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the redaction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The redaction is saved. Approve it again to publish or deliver it.");
        await Assertions.Expect(spanish).ToContainTextAsync("redacted");
        await page.GetByLabel("Publish on the campaign's page").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the approval" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The approval is saved.");
        await Assertions.Expect(spanish).ToContainTextAsync("published");
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-story"), FullPage = true });
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));

        // Published: the redacted words only, without the name.
        var published = JsonDocument.Parse(await fixture.Http.GetStringAsync($"campaigns/{campaign.Slug}/stories?lang=es")).RootElement;
        var story = Assert.Single(published.GetProperty("stories").EnumerateArray());
        Assert.Equal(Redacted, story.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, story.GetProperty("name").ValueKind);

        // A story only for the target cannot be published from the console: the box is off and says why.
        var english = queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "English" });
        await english.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#story-text")).ToHaveTextAsync(EnglishStory);
        await Assertions.Expect(page.GetByLabel("Publish on the campaign's page")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#story-publish-note")).ToHaveTextAsync("The writer did not consent to publishing.");
        await Assertions.Expect(page.GetByLabel("Include in the delivery to the target")).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this story" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete it" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The story is deleted.");
        await Assertions.Expect(queue.GetByRole(AriaRole.Row)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#story-detail")).ToBeHiddenAsync();
        var left = JsonDocument.Parse(await fixture.AdminClient(AdminRoles.Stories).GetStringAsync($"manage/campaigns/{campaign.Slug}/stories")).RootElement;
        Assert.Equal("es", Assert.Single(left.GetProperty("stories").EnumerateArray()).GetProperty("language").GetString());

        // Signing out takes the decrypted words off the page.
        await spanish.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#story-text")).ToHaveTextAsync(SpanishStory);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.DoesNotContain("Batavia", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("detención", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
