using System.Net;
using System.Security.Cryptography;
using Microsoft.Playwright;
using MimeKit;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Delivery;

/// <summary>The console's deliveries in Debian's Chromium, signed in with the deliver role alone: "deliver now" after a confirmation, then the packet's parts and hashes.</summary>
public sealed class ConsoleDeliveriesTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    [Fact]
    public async Task A_deliverer_delivers_now_after_confirming_and_sees_the_delivery_sent_with_the_hash_of_the_packet_s_part()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with
        {
            Target = new CampaignTarget("Office of the Governor", "Governor", $"governor-{c.Slug}@example.org"),
        });
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("Rosa", "Entrega", $"rosa.{Guid.NewGuid():n}@example.org"))).StatusCode);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await using var context = await ConsolePages.ScannableContextAsync(fixture);
        var page = await ConsolePages.OpenAsync(fixture, context, ConsolePages.Token(fixture, AdminRoles.Deliver));

        var row = page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Deliveries of {campaign.Title.En}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Deliveries: {campaign.Title.En}" })).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#delivery-rows")).ToHaveTextAsync("Nothing delivered yet.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Deliver now" }).ClickAsync();
        await Assertions.Expect(page.Locator("#deliver-now-question")).ToHaveTextAsync(
            "Send a packet to Office of the Governor now, with everything confirmed until this moment?");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, deliver now" })).ToBeFocusedAsync();
        // Going back sends nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "No, go back" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deliver now" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deliver now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, deliver now" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Delivery manual-\S+ is queued\.$"));
        var delivery = page.Locator("#delivery-rows tr");
        await Assertions.Expect(delivery).ToHaveCountAsync(1);
        // The history refreshes itself until the delivery settles.
        await Assertions.Expect(delivery.Locator("td.delivery-sent")).ToHaveTextAsync("sent", new() { Timeout = 30_000 });
        await Assertions.Expect(delivery).ToContainTextAsync("by an admin");
        await Assertions.Expect(delivery).ToContainTextAsync("1 (1)");

        var packet = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, campaign.Target.DeliveryEmail, 1));
        var part = packet.Attachments.OfType<MimePart>().First();
        using var bytes = new MemoryStream();
        await part.Content!.DecodeToAsync(bytes);
        await delivery.GetByText("Parts: 1").ClickAsync();
        await Assertions.Expect(delivery.Locator("ul.parts li")).ToContainTextAsync(Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("console-deliveries"), FullPage = true });
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
    }

    [Fact]
    public async Task The_story_moderator_role_alone_is_offered_no_deliveries()
    {
        var campaign = await fixture.NewCampaignAsync();
        await using var context = await ConsolePages.ScannableContextAsync(fixture);
        var page = await ConsolePages.OpenAsync(fixture, context, ConsolePages.Token(fixture, AdminRoles.Stories));

        var row = page.Locator("#campaign-rows tr").Filter(new() { HasText = campaign.Slug });
        await Assertions.Expect(row).ToContainTextAsync("petition");
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }
}
