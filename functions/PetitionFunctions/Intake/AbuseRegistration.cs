using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Intake;

public static class AbuseRegistration
{
    /// <summary>Rate limits and the hashes they key on; the kill switches.</summary>
    public static IServiceCollection AddAbuseControls(this IServiceCollection services)
    {
        services.AddSingleton<SenderHashes>();
        services.AddSingleton<RateLimitTable>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<SettingsTable>();
        services.AddSingleton<IntakeSwitch>();
        return services;
    }
}
