using System.Net;
using Microsoft.Playwright;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PetitionFunctions.Tests.Confirmation;

/// <summary>
/// The emailed links carry their token in the URL fragment, which no request sends: in a real browser the
/// page's script posts it (a confirm link in one click, a withdraw link after its button), and with
/// JavaScript off the page takes the pasted link instead.
/// </summary>
public sealed class LinkPageBrowserTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Opening_the_confirm_link_confirms_in_one_step_and_no_request_carries_the_token()
    {
        var (slug, email) = await SignAsync("link.one.click");
        var link = Outbox.ConfirmLink(email);
        var requested = new List<string>();

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Request += (_, request) => requested.Add(request.Url + " " + request.PostData);
        await page.GotoAsync(AbsoluteLink(email, "/api/confirm#"));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signature confirmed" })).ToBeVisibleAsync(Visible);
        Assert.Equal(nameof(SignatureState.Confirmed), (await RowAsync(slug)).GetString("State"));
        // The token went only in the form's body, never in an address.
        Assert.DoesNotContain(requested, r => r.Split(' ')[0].Contains(link.Token, StringComparison.Ordinal));
        Assert.Contains(requested, r => r.Contains(Uri.EscapeDataString(link.Token), StringComparison.Ordinal) || r.Contains(link.Token, StringComparison.Ordinal));
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("confirm-link"), FullPage = true });
    }

    [Fact]
    public async Task The_withdraw_link_asks_first_and_takes_the_token_out_of_the_address_bar()
    {
        var (slug, email) = await SignAsync("link.withdraw");

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(AbsoluteLink(email, "/api/withdraw?"));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Withdraw your signature?" })).ToBeVisibleAsync(Visible);
        Assert.DoesNotContain("#", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByLabel("paste the whole link", new() { Exact = false })).ToBeHiddenAsync();
        Assert.Equal(nameof(SignatureState.Unconfirmed), (await RowAsync(slug)).GetString("State"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw my signature" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your signature has been withdrawn" })).ToBeVisibleAsync(Visible);
        Assert.Equal(nameof(SignatureState.Withdrawn), (await RowAsync(slug)).GetString("State"));
    }

    [Fact]
    public async Task With_javascript_off_the_page_takes_the_link_pasted_from_the_email()
    {
        var (slug, email) = await SignAsync("link.no.script", "es");

        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "es-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(AbsoluteLink(email, "/api/confirm#"));

        var field = page.GetByLabel("pegue aquí el enlace completo del correo", new() { Exact = false });
        await Expect(field).ToBeVisibleAsync(Visible);
        Assert.Equal(nameof(SignatureState.Unconfirmed), (await RowAsync(slug)).GetString("State"));
        await field.FillAsync(AbsoluteLink(email, "/api/confirm#"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar mi firma" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Firma confirmada" })).ToBeVisibleAsync(Visible);
        Assert.Equal(nameof(SignatureState.Confirmed), (await RowAsync(slug)).GetString("State"));
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot("confirm-link-no-javascript"), FullPage = true });
    }

    private async Task<(string Slug, MimeKit.MimeMessage Email)> SignAsync(string name, string language = "en")
    {
        var campaign = await fixture.NewCampaignAsync();
        var address = $"{name}.{Guid.NewGuid():n}@example.org";
        Assert.Equal(HttpStatusCode.Accepted,
            (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Inés", "Luna", address, language: language))).StatusCode);
        return (campaign.Slug, Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1)));
    }

    /// <summary>The whole link as the email shows it, as a person clicks or copies it.</summary>
    private static string AbsoluteLink(MimeKit.MimeMessage email, string marker) =>
        (email.TextBody ?? "").Split('\n').Select(line => line.Trim()).First(line => line.Contains(marker, StringComparison.Ordinal))
            .Split(' ').First(word => word.StartsWith("http", StringComparison.Ordinal));

    private async Task<Azure.Data.Tables.TableEntity> RowAsync(string slug) =>
        Assert.Single(await fixture.SignatureRowsAsync(slug), r => DedupeKeys.IsSignatureKey(r.RowKey));
}
