using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Access;
using PetitionFunctions.Admin;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Counting;
using PetitionFunctions.Delivery;
using PetitionFunctions.Email;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Partners;
using PetitionFunctions.Stories;
using PetitionFunctions.Submissions;

namespace PetitionFunctions;

/// <summary>The one place that registers the app's services, for the Functions host and the local host alike.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddPetitionFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PetitionSecrets>().Bind(configuration.GetSection(PetitionSecrets.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PetitionSecrets>, PetitionSecretsValidator>();
        services.AddSingleton(TimeProvider.System);
        // Request paths carry confirm and withdraw tokens, which act for the signer: ASP.NET Core's request
        // logging would put them in log lines and in the scope of every line written during a request.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));

        services.AddSingleton(_ => StorageClients.Tables(configuration));
        services.AddSingleton(_ => StorageClients.Queues(configuration));
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<PersonalDataCipher>();
        services.AddSingleton<DedupeKeys>();
        services.AddSingleton<CampaignTable>();
        services.AddSingleton<SignatureTable>();
        services.AddSingleton<SubmissionDoor>();
        services.AddOptions<ClientAddressOptions>().Bind(configuration.GetSection(ClientAddressOptions.Section));
        services.AddSingleton<Requesters>();
        services.AddSingleton<SignatureGuard>();
        services.AddSingleton<SignatureIntake>();
        services.AddAbuseControls(configuration);
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section))
            .Validate(options => options.HasValidRateLimits,
                $"Intake:RateLimits allows at most {RateLimitRule.MaxRules} rules, each a Count of 1 to {RateLimitRule.MaxCount} in WindowSeconds of 1 to {RateLimitRule.MaxWindowSeconds} (Intake:NoDefaultRateLimits switches them off).")
            .ValidateOnStart();

        services.AddEmailTransport(configuration);
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<SignatureConfirmation>();
        services.AddSingleton<SignatureWithdrawal>();
        services.AddEmailOutbox<SignatureOutbox>();

        services.AddOptions<CountingOptions>().Bind(configuration.GetSection(CountingOptions.Section));
        services.AddSingleton<SummaryTable>();
        services.AddSingleton<CountRollup>();
        services.AddSingleton<CountReconciliation>();
        services.AddSingleton<CampaignReads>();

        services.AddEndorsements();
        services.AddPartners();
        services.AddStories(configuration);
        services.AddAdminAuthentication(configuration);

        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => ApiJson.Apply(options.JsonSerializerOptions));
        services.AddAdminApi(configuration);
        services.AddDelivery(configuration);
        return services;
    }
}
