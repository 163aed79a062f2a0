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
            .Validate(options => ConsoleSignIn.HasHttpsAuthority(options, configuration),
                "Console:Authority must be an https address; with Console:ClientId set, so must the one made from AzureAd:Instance and AzureAd:TenantId.")
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
