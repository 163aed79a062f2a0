using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PetitionFunctions.Access;

public static class AdminAuthentication
{
    public const string Section = "AzureAd";

    /// <summary>
    /// The setting that makes a local run trust a token issuer on this machine (the run command's and
    /// the tests' development issuer) in place of Entra ID. Azure never has it, and the app refuses to
    /// start with it anywhere but on loopback outside Azure.
    /// </summary>
    public const string LocalIssuerSetting = "LocalIssuer:Authority";

    /// <summary>
    /// Entra ID bearer tokens for the admin API, validated by Microsoft.Identity.Web against the app
    /// registration in "AzureAd" (Instance, TenantId, ClientId). The app refuses to start without it.
    /// </summary>
    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApi(configuration, Section);
        services.AddOptions<MicrosoftIdentityOptions>()
            .Validate(_ => !string.IsNullOrWhiteSpace(configuration[$"{Section}:ClientId"]) && !string.IsNullOrWhiteSpace(configuration[$"{Section}:TenantId"]),
                $"{Section}:TenantId and {Section}:ClientId must name the admin API's Entra ID app registration.")
            .ValidateOnStart();
        if (LocalIssuerAuthority(configuration) is { } authority) services.TrustLocalIssuer(authority);
        services.AddSingleton<AdminGate>();
        return services;
    }

    /// <summary>The local issuer's address, when one is configured; throws (the app does not start) where it must not be trusted.</summary>
    public static Uri? LocalIssuerAuthority(IConfiguration configuration)
    {
        var setting = configuration[LocalIssuerSetting];
        if (string.IsNullOrWhiteSpace(setting)) return null;
        if (!string.IsNullOrEmpty(configuration["WEBSITE_INSTANCE_ID"]) || !string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]))
            throw new InvalidOperationException($"{LocalIssuerSetting} is set on Azure; only Entra ID may issue admin tokens there. Remove the setting.");
        if (!Uri.TryCreate(setting, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https") || !IsLoopback(authority))
            throw new InvalidOperationException($"{LocalIssuerSetting} must be an http(s) address on this machine (127.0.0.1, ::1 or localhost).");
        return authority;
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>
    /// Validates tokens against the local issuer's OpenID metadata, fetched over loopback, with the same
    /// bearer handler and audience rules Entra ID tokens go through.
    /// </summary>
    private static void TrustLocalIssuer(this IServiceCollection services, Uri authority)
    {
        var issuer = authority.AbsoluteUri.TrimEnd('/');
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.RequireHttpsMetadata = false;
            options.MetadataAddress = issuer + "/.well-known/openid-configuration";
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                options.MetadataAddress, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = false });
            // Microsoft.Identity.Web's issuer validator knows Entra ID's issuers only.
            options.TokenValidationParameters.IssuerValidator = null;
            options.TokenValidationParameters.ValidIssuer = issuer;
        });
    }
}
