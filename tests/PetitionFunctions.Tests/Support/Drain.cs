using Azure.Storage.Queues;
using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// Waits until a queue and its poison queue hold no message at all, visible or not: the way to know that
/// every message sent before the wait has been handled to the end, before asserting that something did
/// NOT happen (a fixed sleep passes just as well when the consumer is merely slow).
/// </summary>
/// <remarks>
/// The count is the queue's ApproximateMessagesCount, which counts invisible messages too. The local
/// host's listener keeps a message in its queue (invisible) while its function runs and deletes it only
/// once the function has completed; a message that failed for the last time goes onto the poison queue
/// before it leaves its own. So the queue is read first, then its poison queue: a message that was in
/// either when the wait began has been handled once both read empty in that order.
/// </remarks>
public static class Drain
{
    public static async Task QueueAsync(QueueServiceClient queues, string queue, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var left = await LeftAsync(queues, queue);
            if (left is null) return;
            Assert.True(DateTime.UtcNow < deadline, $"The queue {left.Value.Queue} still held {left.Value.Count} message(s) after {seconds} seconds.");
            await Task.Delay(100);
        }
    }

    private static async Task<(string Queue, int Count)?> LeftAsync(QueueServiceClient queues, string queue)
    {
        foreach (var name in new[] { queue, StorageNames.PoisonQueue(queue) })
        {
            var count = (await queues.GetQueueClient(name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (count > 0) return (name, count);
        }
        return null;
    }
}
