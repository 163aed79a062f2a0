using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PetitionFunctions.Delivery;

public static class DeliveryRegistration
{
    /// <summary>The Delivery stage: rules, the Deliveries table and queue, the signer reader and the packet sender.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.Section))
            .Validate(options => options.MaxPartBytes > DeliveryCsv.PreambleBytes, "Delivery:MaxPartBytes must be larger than the CSV header.")
            .Validate(options => options.RequeueAfter > TimeSpan.Zero, "Delivery:RequeueAfter must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DeliveryTable>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<ConfirmedSigners>();
        services.AddSingleton<DeliveryScheduler>();
        services.AddSingleton<DeliverySender>();
        services.AddOptions<DataRightsOptions>()
            .Bind(configuration.GetSection(DataRightsOptions.Section))
            .Validate(options => options.AnonymiseAfterMonths >= 0, "DataRights:AnonymiseAfterMonths must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<SignatureAnonymisation>();
        return services;
    }
}
