using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace PetitionFunctions.Common;

/// <summary>
/// Builds the storage clients from the same setting the Functions host uses: a connection string in
/// <c>AzureWebJobsStorage</c>, or identity-based <c>AzureWebJobsStorage__tableServiceUri</c>,
/// <c>__queueServiceUri</c> and <c>__clientId</c> (a user-assigned managed identity).
/// </summary>
public static class StorageClients
{
    private static void Tune(RetryOptions retry)
    {
        // A sign-on must be answered within seconds; a short, bounded retry beats a 100 s default timeout.
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(400);
        retry.MaxDelay = TimeSpan.FromSeconds(3);
        retry.NetworkTimeout = TimeSpan.FromSeconds(15);
    }

    public static TableServiceClient Tables(IConfiguration configuration)
    {
        var options = new TableClientOptions();
        Tune(options.Retry);
        var connection = configuration[StorageNames.ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(connection)) return new TableServiceClient(connection, options);
        return new TableServiceClient(ServiceUri(configuration, "tableServiceUri"), Credential(configuration), options);
    }

    /// <param name="encoding">
    /// Base64 for everything the app sends: the Functions queue trigger expects it, and plain text would
    /// land in the poison queue. The stand-in host reads raw messages, to decode them as the host does.
    /// </param>
    public static QueueServiceClient Queues(IConfiguration configuration, QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var options = new QueueClientOptions { MessageEncoding = encoding };
        Tune(options.Retry);
        var connection = configuration[StorageNames.ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(connection)) return new QueueServiceClient(connection, options);
        return new QueueServiceClient(ServiceUri(configuration, "queueServiceUri"), Credential(configuration), options);
    }

    private static Uri ServiceUri(IConfiguration configuration, string name)
    {
        var value = configuration[$"{StorageNames.ConnectionSetting}:{name}"];
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException(
                $"Storage is not configured: set {StorageNames.ConnectionSetting} to a connection string, or {StorageNames.ConnectionSetting}__{name} for identity-based access.");
        return new Uri(value);
    }

    private static TokenCredential Credential(IConfiguration configuration)
    {
        var clientId = configuration[$"{StorageNames.ConnectionSetting}:clientId"];
        return string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
