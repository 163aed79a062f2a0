using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PetitionFunctions.Submissions;

public static class AbuseRegistration
{
    /// <summary>Rate limits and the hashes they key on, the kill switches, the captcha check.</summary>
    public static IServiceCollection AddAbuseControls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CaptchaOptions>().Bind(configuration.GetSection(CaptchaOptions.Section));
        services.AddHttpClient(CaptchaVerifier.HttpClientName);
        services.AddSingleton<CaptchaVerifier>();
        services.AddSingleton<SenderHashes>();
        services.AddSingleton<RateLimitTable>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<SubmissionGuard>();
        services.AddSingleton<SettingsTable>();
        services.AddSingleton<IntakeSwitch>();
        services.AddOptions<TrendOptions>().Bind(configuration.GetSection(TrendOptions.Section));
        services.AddSingleton<TrendTable>();
        services.AddSingleton<TrendDetector>();
        return services;
    }
}
