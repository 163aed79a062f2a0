using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// The consuming local host (emails go out, counts are fresh), two partner websites on other loopback
/// ports (one a campaign allows, one it does not) whose pages embed the sign form, and one headless
/// Chromium from the operating system. Playwright's own browser downloads are never used.
/// </summary>
public sealed partial class EmbedBrowserFixture : ConsumingHostFixture, IAsyncLifetime
{
    /// <summary>The partner page's own CSS, as hostile as a real theme can be: the embed must look the same regardless.</summary>
    public const string HostileCss =
        "* { font-size: 40px !important; color: red !important; font-family: serif !important; } "
        + "form, input, button, label, textarea, progress, div { display: none !important; } "
        + "h2 { text-transform: uppercase; }";

    private WebApplication? _allowedSite;
    private WebApplication? _blockedSite;

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>scheme://host:port of the partner site the test campaigns allow.</summary>
    public string AllowedOrigin { get; private set; } = null!;

    /// <summary>scheme://host:port of a partner site no campaign allows.</summary>
    public string BlockedOrigin { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots under the repository root (git-ignored).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Find(), "TestResults", "screenshots");

    protected override void Configure(WebApplicationBuilder builder)
    {
        base.Configure(builder);
        builder.Configuration["Counting:LagWindow"] = "00:00:00";
        builder.Configuration["Counting:ReadCacheDuration"] = "00:00:00";
        // Low enough for the console's trend test to raise an alert with a handful of sign-ups.
        builder.Configuration["Trends:Threshold"] = "5";
        // The console signs in with Entra ID too; the browser tests answer for the authority (ConsoleEntraSignInTests).
        builder.Configuration["Console:ClientId"] = ConsoleClientId;
        builder.Configuration["Console:Authority"] = ConsoleAuthority;
    }

    public const string ConsoleClientId = "7e57ab1e-0000-4000-8000-0000000c0501";
    public const string ConsoleAuthority = "https://login.microsoftonline.com/7e57ab1e-0000-4000-8000-00000000ad01";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        try
        {
            var script = new Uri(Host.BaseAddress, "api/embed.js").AbsoluteUri;
            (_allowedSite, AllowedOrigin) = await StartPartnerSiteAsync("Allowed partner", script);
            (_blockedSite, BlockedOrigin) = await StartPartnerSiteAsync("Other site", script);
            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Browser = await SystemChromium.LaunchAsync(Playwright);
            Directory.CreateDirectory(ScreenshotFolder);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await StopAsync();
        await DisposeAsync();
    }

    private async Task StopAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (_allowedSite is not null) await _allowedSite.DisposeAsync();
        if (_blockedSite is not null) await _blockedSite.DisposeAsync();
    }

    /// <summary>A fresh browser context: its own HTTP cache, no cookies, Spanish-speaking browser or not.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(20_000);
        return context;
    }

    /// <summary>The partner page embedding a campaign.</summary>
    public static string PageFor(string origin, string slug) => $"{origin}/?campaign={Uri.EscapeDataString(slug)}";

    public string Screenshot(string name) => Path.Combine(ScreenshotFolder, name + ".png");

    private static async Task<(WebApplication Site, string Origin)> StartPartnerSiteAsync(string name, string scriptUrl)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var site = builder.Build();
        site.Urls.Add("http://127.0.0.1:0");
        site.MapGet("/", (HttpRequest request) =>
        {
            var slug = request.Query["campaign"].ToString();
            if (!SlugPattern().IsMatch(slug)) return Results.BadRequest();
            return Results.Content(PartnerPage(name, scriptUrl, slug), "text/html; charset=utf-8");
        });
        await site.StartAsync();
        var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (site, new Uri(address).GetLeftPart(UriPartial.Authority));
    }

    private static string PartnerPage(string name, string scriptUrl, string slug) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{{name}}</title>
          <style>{{HostileCss}}</style>
        </head>
        <body>
          <h1 id="partner-heading">{{name}}</h1>
          <h2 id="partner-subheading">Take action with us</h2>
          <p id="partner-text">Our coalition supports this campaign.</p>
          <script src="{{scriptUrl}}" data-campaign="{{slug}}" data-lang="es" data-source="partner-test" async></script>
          <p id="partner-footer">Partner footer</p>
        </body>
        </html>
        """;

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex SlugPattern();
}
