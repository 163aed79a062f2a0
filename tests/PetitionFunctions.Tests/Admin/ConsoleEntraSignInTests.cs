using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.Playwright;
using PetitionFunctions.Access;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>
/// The console's Entra ID sign-in: the MSAL.js bundled at build time, under the page's own policy (not
/// bypassed), through the popup, the authorization code with PKCE and the token request. The browser's
/// requests to login.microsoftonline.com are answered by the test, in place of Entra ID, which is not
/// reachable here; the access token it hands back is one the app trusts, so the console then really signs in.
/// </summary>
public sealed class ConsoleEntraSignInTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    private const string Authority = EmbedBrowserFixture.ConsoleAuthority;
    private const string Tenant = DevelopmentTokens.TenantId;

    [Fact]
    public async Task Sign_in_with_Microsoft_runs_the_code_flow_in_a_popup_and_keeps_nothing_in_browser_storage()
    {
        var accessToken = fixture.Host.Tokens!.Create([AdminRoles.Stories], TimeSpan.FromMinutes(30));
        var authorize = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? tokenRequest = null;
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "en-US" });
        await context.RouteAsync("https://login.microsoftonline.com/**", async route =>
        {
            var url = new Uri(route.Request.Url);
            var cors = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*", ["Access-Control-Allow-Headers"] = "*" };
            if (route.Request.Method == "OPTIONS") { await route.FulfillAsync(new() { Status = 204, Headers = cors }); return; }
            if (url.AbsolutePath.EndsWith("/openid-configuration", StringComparison.Ordinal))
            {
                await route.FulfillAsync(new() { Status = 200, Headers = cors, ContentType = "application/json", Body = JsonSerializer.Serialize(new
                {
                    issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0",
                    authorization_endpoint = $"{Authority}/oauth2/v2.0/authorize",
                    token_endpoint = $"{Authority}/oauth2/v2.0/token",
                    end_session_endpoint = $"{Authority}/oauth2/v2.0/logout",
                    jwks_uri = $"{Authority}/discovery/v2.0/keys",
                }) });
                return;
            }
            if (url.AbsolutePath.Contains("/discovery/instance", StringComparison.Ordinal))
            {
                await route.FulfillAsync(new() { Status = 200, Headers = cors, ContentType = "application/json", Body = JsonSerializer.Serialize(new
                {
                    tenant_discovery_endpoint = $"{Authority}/v2.0/.well-known/openid-configuration",
                    metadata = new[] { new { preferred_network = "login.microsoftonline.com", preferred_cache = "login.windows.net", aliases = new[] { "login.microsoftonline.com", "login.windows.net" } } },
                }) });
                return;
            }
            if (url.AbsolutePath.EndsWith("/oauth2/v2.0/authorize", StringComparison.Ordinal))
            {
                authorize.TrySetResult(url);
                var query = HttpUtility.ParseQueryString(url.Query);
                var back = $"{query["redirect_uri"]}#code=offline-code&state={Uri.EscapeDataString(query["state"]!)}&client_info={ClientInfo()}";
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html",
                    Body = $"<!doctype html><title>Entra ID stand-in</title><script>location.replace({JsonSerializer.Serialize(back)})</script>" });
                return;
            }
            if (url.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                tokenRequest = route.Request.PostData;
                var nonce = HttpUtility.ParseQueryString((await authorize.Task).Query)["nonce"];
                await route.FulfillAsync(new() { Status = 200, Headers = cors, ContentType = "application/json", Body = JsonSerializer.Serialize(new
                {
                    token_type = "Bearer", scope = $"{DevelopmentTokens.ClientId}/.default openid profile offline_access", expires_in = 3600, ext_expires_in = 3600,
                    access_token = accessToken, refresh_token = "offline-refresh-token", id_token = IdToken(nonce), client_info = ClientInfo(),
                }) });
                return;
            }
            await route.FulfillAsync(new() { Status = 404, Headers = cors });
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/console").AbsoluteUri);

        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Microsoft" }).ClickAsync());

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campaigns" })).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#signed-in-as")).ToContainTextAsync(AdminRoles.Stories);
        var request = HttpUtility.ParseQueryString((await authorize.Task).Query);
        Assert.Equal(EmbedBrowserFixture.ConsoleClientId, request["client_id"]);
        Assert.Equal(new Uri(fixture.Host.BaseAddress, "api/console").AbsoluteUri, request["redirect_uri"]);
        Assert.Equal("S256", request["code_challenge_method"]);
        Assert.Contains($"{DevelopmentTokens.ClientId}/.default", request["scope"], StringComparison.Ordinal);
        Assert.Contains("code_verifier=", tokenRequest, StringComparison.Ordinal);
        Assert.Contains("code=offline-code", tokenRequest, StringComparison.Ordinal);
        Assert.True(popup.IsClosed || popup.Url.StartsWith(new Uri(fixture.Host.BaseAddress, "api/console").AbsoluteUri, StringComparison.Ordinal));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        // A stories moderator sees the campaigns but none of the admins' buttons.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "New campaign" })).ToBeHiddenAsync();
    }

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string ClientInfo() => Base64Url(JsonSerializer.Serialize(new { uid = "0000-admin", utid = Tenant }));

    private static string IdToken(string? nonce)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object?>
        {
            ["aud"] = EmbedBrowserFixture.ConsoleClientId, ["iss"] = $"https://login.microsoftonline.com/{Tenant}/v2.0", ["iat"] = now, ["nbf"] = now,
            ["exp"] = now + 3600, ["nonce"] = nonce, ["oid"] = "0000-admin", ["sub"] = "admin-subject", ["tid"] = Tenant,
            ["name"] = "Console Admin", ["preferred_username"] = "admin@example.org", ["ver"] = "2.0",
        };
        return $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Base64Url(JsonSerializer.Serialize(claims))}.";
    }
}
