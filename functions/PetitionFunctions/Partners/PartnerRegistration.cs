using Microsoft.Extensions.DependencyInjection;

namespace PetitionFunctions.Partners;

public static class PartnerRegistration
{
    /// <summary>The Partners stage: partner keys and what they open (intake under the partner's source, the partner's own listing).</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddSingleton<PartnerKeyTable>();
        services.AddSingleton<PartnerKeys>();
        return services;
    }
}
