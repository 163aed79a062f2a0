using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace PetitionFunctions.Admin;

public static class AdminAuthentication
{
    public const string Section = "AzureAd";

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
        services.AddSingleton<AdminAccess>();
        return services;
    }
}
