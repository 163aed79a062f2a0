using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Counting;
using PetitionFunctions.Email;

namespace PetitionFunctions.Endorsements;

public static class EndorsementRegistration
{
    /// <summary>The Endorsements stage. It reuses what signatures registered: campaigns, cipher, dedupe keys, link tokens, public links, the email transport, admin access.</summary>
    public static IServiceCollection AddEndorsements(this IServiceCollection services)
    {
        services.AddSingleton<EndorsementTable>();
        services.AddSingleton<EndorsementIntake>();
        services.AddEmailOutbox<EndorsementOutbox>();
        services.AddSingleton<EndorsementConfirmation>();
        services.AddSingleton<EndorsementReads>();
        services.AddSingleton<EndorsementModeration>();
        services.AddSingleton<EndorsementDelivery>();
        services.AddSingleton<IDeliveryEndorsers>(provider => provider.GetRequiredService<EndorsementDelivery>());
        services.AddSingleton<ILetterEndorsements>(provider => provider.GetRequiredService<EndorsementDelivery>());
        return services;
    }
}
