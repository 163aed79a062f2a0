using Azure.Storage.Queues;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>The queue trigger's own rules: base64 messages, retries, and the poison queue after maxDequeueCount tries.</summary>
public abstract class QueueTests<TFixture>(TFixture app) where TFixture : AppFixture
{
    private QueueClient Queue(string name) => app.Service<QueueServiceClient>().GetQueueClient(name);

    private async Task<List<string>> PoisonBodiesAsync(string queue, QueueMessageEncoding encoding)
    {
        var poison = new QueueClient(app.Azurite.ConnectionString, StorageNames.PoisonQueue(queue), new QueueClientOptions { MessageEncoding = encoding });
        if (!await poison.ExistsAsync()) return [];
        return (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
    }

    [EndToEndFact]
    public async Task A_confirmation_message_the_function_cannot_read_ends_in_the_poison_queue()
    {
        var unreadable = $"{{\"campaign\": \"not-json-{Guid.NewGuid():n}\"";

        await Queue(StorageNames.ConfirmationsQueue).SendMessageAsync(unreadable);

        await Eventually.True(async () => (await PoisonBodiesAsync(StorageNames.ConfirmationsQueue, QueueMessageEncoding.Base64)).Contains(unreadable), seconds: 60);
    }

    [EndToEndFact]
    public async Task A_delivery_message_that_is_not_base64_ends_in_the_poison_queue()
    {
        var plain = new QueueClient(app.Azurite.ConnectionString, StorageNames.DeliveriesQueue);
        var text = $"plain text {Guid.NewGuid():n}";

        await plain.SendMessageAsync(text);

        await Eventually.True(async () => (await PoisonBodiesAsync(StorageNames.DeliveriesQueue, QueueMessageEncoding.None)).Any(body => body.Contains(text)), seconds: 60);
    }
}

[Collection(RealHostCollection.Name)]
public sealed class QueuesOnRealHost(RealHostFixture app) : QueueTests<RealHostFixture>(app);

[Collection(StandInCollection.Name)]
public sealed class QueuesOnStandIn(StandInFixture app) : QueueTests<StandInFixture>(app);
