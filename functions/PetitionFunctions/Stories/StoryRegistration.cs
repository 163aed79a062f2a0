using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Email;

namespace PetitionFunctions.Stories;

public static class StoryRegistration
{
    /// <summary>The stories stage. Relies on the shared services registered before it (storage, cipher, link tokens, email transport, admin access).</summary>
    public static IServiceCollection AddStories(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoryOptions>().Bind(configuration.GetSection(StoryOptions.Section))
            .Validate(options => options.RetentionDays >= 0, "Stories:RetentionDays cannot be negative.")
            .ValidateOnStart();
        services.AddSingleton<StoryTable>();
        services.AddSingleton<StoryIntake>();
        services.AddSingleton<StoryReads>();
        services.AddSingleton<StoryModeration>();
        services.AddSingleton<StoryDelivery>();
        services.AddSingleton<StoryWithdrawal>();
        services.AddEmailOutbox<StoryOutbox>();
        services.AddSingleton<StoryRetention>();
        return services;
    }
}
