using Microsoft.Extensions.DependencyInjection;

namespace PetitionFunctions.Intake;

public static class AbuseRegistration
{
    /// <summary>Rate limits and the hashes they key on.</summary>
    public static IServiceCollection AddAbuseControls(this IServiceCollection services)
    {
        services.AddSingleton<SenderHashes>();
        services.AddSingleton<RateLimitTable>();
        services.AddSingleton<RateLimiter>();
        return services;
    }
}
