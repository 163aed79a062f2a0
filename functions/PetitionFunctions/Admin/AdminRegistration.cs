using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Access;

namespace PetitionFunctions.Admin;

public static class AdminRegistration
{
    /// <summary>The campaign and signature admin stages (the functions themselves are made by the host). Authentication is <see cref="AdminAuthentication"/>'s.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<CampaignAdmin>();
        services.AddSingleton<CampaignDashboard>();
        services.AddSingleton<SignatureAdmin>();
        services.AddSingleton<PersonErasure>();
        services.AddSingleton<BulkSignatureAdmin>();
        return services;
    }
}
