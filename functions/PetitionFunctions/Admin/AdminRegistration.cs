using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Access;

namespace PetitionFunctions.Admin;

public static class AdminRegistration
{
    /// <summary>The campaign and signature admin stages (the functions themselves are made by the host). Authentication is <see cref="AdminAuthentication"/>'s.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleSignInOptions>()
            .Bind(configuration.GetSection(ConsoleSignInOptions.Section))
            .Validate(options => string.IsNullOrWhiteSpace(options.Authority) || (Uri.TryCreate(options.Authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps),
                "Console:Authority must be an https address.")
            .Validate(options => ConsoleSignIn.HasHttpsAuthority(options, configuration),
                "With Console:ClientId set, the console's authority (Console:Authority, else AzureAd:Instance with AzureAd:TenantId) must be an https address.")
            .ValidateOnStart();
        services.AddSingleton<ConsoleSignIn>();
        services.AddSingleton<CampaignAdmin>();
        services.AddSingleton<CampaignDashboard>();
        services.AddSingleton<SignatureAdmin>();
        services.AddSingleton<PersonErasure>();
        services.AddSingleton<BulkSignatureAdmin>();
        return services;
    }
}
