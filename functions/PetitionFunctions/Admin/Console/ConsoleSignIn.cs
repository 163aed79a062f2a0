using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PetitionFunctions.Access;

namespace PetitionFunctions.Admin;

/// <summary>The console's Entra ID sign-in: the single-page app registration the console signs in with (section "Console").</summary>
public sealed class ConsoleSignInOptions
{
    public const string Section = "Console";

    /// <summary>The client id of the console's app registration (platform "Single-page application"); empty: the console takes a pasted token only.</summary>
    public string? ClientId { get; set; }

    /// <summary>The authority to sign in at; empty: <c>AzureAd:Instance</c> followed by <c>AzureAd:TenantId</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The scope the console asks a token for; empty: <c>{AzureAd:ClientId}/.default</c>, the admin API with the roles the admin holds.</summary>
    public string? Scope { get; set; }
}

/// <summary>
/// What the console's page needs to sign in with Entra ID, resolved once from configuration: the settings
/// written into the page, and the authority's origin, which the page's policy lets the script call.
/// </summary>
public sealed class ConsoleSignIn
{
    public ConsoleSignIn(IOptions<ConsoleSignInOptions> options, IConfiguration configuration)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ClientId)) return;
        var authority = AuthorityOf(settings, configuration);
        var scope = string.IsNullOrWhiteSpace(settings.Scope) ? configuration[$"{AdminAuthentication.Section}:ClientId"] + "/.default" : settings.Scope.Trim();
        AuthorityOrigin = new Uri(authority).GetLeftPart(UriPartial.Authority);
        PageSettings = JsonSerializer.Serialize(new { client_id = settings.ClientId.Trim(), authority, scopes = new[] { scope } });
    }

    /// <summary><c>Console:Authority</c>, else <c>AzureAd:Instance</c> followed by <c>AzureAd:TenantId</c>.</summary>
    public static string AuthorityOf(ConsoleSignInOptions settings, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(settings.Authority)) return settings.Authority.Trim();
        var instance = configuration[$"{AdminAuthentication.Section}:Instance"] is { Length: > 0 } given ? given : "https://login.microsoftonline.com/";
        return instance.TrimEnd('/') + "/" + configuration[$"{AdminAuthentication.Section}:TenantId"];
    }

    /// <summary>Checked at start-up: a given authority, and with a client id the one the page will call, must be an https address.</summary>
    public static bool HasHttpsAuthority(ConsoleSignInOptions settings, IConfiguration configuration) =>
        (string.IsNullOrWhiteSpace(settings.ClientId) && string.IsNullOrWhiteSpace(settings.Authority))
        || (Uri.TryCreate(AuthorityOf(settings, configuration), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The origin of the authority, or null when the console has no Entra ID sign-in.</summary>
    public string? AuthorityOrigin { get; }

    /// <summary>The settings as JSON for the page, or null when the console has no Entra ID sign-in.</summary>
    public string? PageSettings { get; }

    /// <summary>The page with the settings in its <c>entra-sign-in</c> meta element (a policy without inline scripts still lets the script read it).</summary>
    public string Into(string page) =>
        page.Replace("<meta name=\"entra-sign-in\" content=\"\">", $"<meta name=\"entra-sign-in\" content=\"{WebUtility.HtmlEncode(PageSettings ?? "")}\">", StringComparison.Ordinal);
}
