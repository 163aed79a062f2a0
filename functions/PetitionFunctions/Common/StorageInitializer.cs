using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;

namespace PetitionFunctions.Common;

/// <summary>Creates the tables and queues (with their poison queues) at start-up if they are missing.</summary>
public sealed class StorageInitializer(TableServiceClient tables, QueueServiceClient queues) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in StorageNames.Tables)
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queues.GetQueueClient(StorageNames.PoisonQueue(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
