using System.Text.Json;
using Microsoft.Playwright;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

/// <summary>The admin console opened in the fixture's Chromium, and axe-core's scan of a page, for every stage's console tests.</summary>
public static class ConsolePages
{
    public static string Url(EmbedBrowserFixture fixture) => new Uri(fixture.Host.BaseAddress, "api/console").AbsoluteUri;

    /// <summary>A development token with these roles, valid for the test's length.</summary>
    public static string Token(EmbedBrowserFixture fixture, params string[] roles) => fixture.Host.Tokens!.Create(roles, TimeSpan.FromMinutes(30));

    /// <summary>
    /// A context that bypasses the page's Content-Security-Policy, so that the test can inject axe-core
    /// (the console's policy allows only its own scripts).
    /// </summary>
    public static async Task<IBrowserContext> ScannableContextAsync(EmbedBrowserFixture fixture, string locale = "en-US", int width = 1000, int height = 900)
    {
        var context = await fixture.Browser.NewContextAsync(new() { Locale = locale, BypassCSP = true, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    /// <summary>The console, signed in with the token as the run command's link does (in the fragment), or not signed in.</summary>
    public static async Task<IPage> OpenAsync(EmbedBrowserFixture fixture, IBrowserContext context, string? token = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(token is null ? Url(fixture) : $"{Url(fixture)}#token={token}");
        return page;
    }

    /// <summary>axe-core's scan of the page as it stands: the serious and critical violations, by rule.</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run()).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }))");
        return result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("nodes").GetInt32()} nodes)")
            .ToList();
    }
}
