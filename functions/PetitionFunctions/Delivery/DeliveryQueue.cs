using Azure.Storage.Queues;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

public sealed class DeliveryQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.DeliveriesQueue);

    public Task SendAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(request.ToJson(), cancellationToken);
}
