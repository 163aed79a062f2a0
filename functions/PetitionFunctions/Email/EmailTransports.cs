using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Email;

public static class EmailTransports
{
    /// <summary>Registers the transport named by Email:Transport: Outbox (the default), Smtp or Acs.</summary>
    public static IServiceCollection AddEmailTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(options => options.Transport != EmailTransportKind.Outbox || string.IsNullOrEmpty(configuration["WEBSITE_INSTANCE_ID"]),
                "Email:Transport is Outbox on Azure, where nobody reads the folder: set it to Acs or Smtp.")
            .Validate(options => options.Transport != EmailTransportKind.Smtp || !string.IsNullOrWhiteSpace(options.Smtp.Host),
                "Email:Transport is Smtp but Email:Smtp:Host is not set.")
            .Validate(options => options.Transport != EmailTransportKind.Acs || Uri.IsWellFormedUriString(options.Acs.Endpoint, UriKind.Absolute),
                "Email:Transport is Acs but Email:Acs:Endpoint is not an absolute URL.")
            .Validate(options => options.ConfirmationQueues is >= 1 and <= 4,
                "Email:ConfirmationQueues must be 1 to 4: the confirmations queue and its shards confirmations-1 to confirmations-3.")
            .ValidateOnStart();
        // One rule for every email that can run out of queue tries: signatures', endorsements' and stories'.
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            return new EmailRetryRounds(options.RetryRounds, options.FirstRetryDelay);
        });
        services.AddSingleton<IEmailTransport>(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.Transport switch
        {
            EmailTransportKind.Smtp => ActivatorUtilities.CreateInstance<SmtpEmailTransport>(provider),
            EmailTransportKind.Acs => ActivatorUtilities.CreateInstance<AcsEmailTransport>(provider),
            _ => ActivatorUtilities.CreateInstance<OutboxFolderTransport>(provider),
        });
        return services;
    }

    /// <summary>Registers one kind of record's emails (<see cref="IEmailRecords"/>) and its <see cref="EmailOutbox{TRecords}"/>.</summary>
    public static IServiceCollection AddEmailOutbox<TRecords>(this IServiceCollection services) where TRecords : class, IEmailRecords
    {
        services.AddSingleton<TRecords>();
        services.AddSingleton<EmailOutbox<TRecords>>();
        services.TryAddSingleton<MailboxAllowance>();
        services.TryAddSingleton<SendingBudget>();
        return services;
    }
}
