using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// Polls one queue for one queue-triggered function, as the Functions host does: batches of
/// host.json's batchSize, back-off up to maxPollingInterval when empty, a failed message made visible
/// again after visibilityTimeout, and moved to "{queue}-poison" once it has failed maxDequeueCount times.
/// Messages are read raw and decoded from base64 here, as the host's queue extension does: a message that
/// is not base64 fails like a function that throws, and reaches the poison queue as it was sent.
/// </summary>
public sealed class QueueTriggerListener(
    FunctionEntry function,
    QueueServiceClient queues,
    IServiceScopeFactory scopes,
    HostSettings settings,
    ILogger<QueueTriggerListener> log) : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProcessingLease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queueName = ((QueueBinding)function.Trigger).QueueName;
        var queue = queues.GetQueueClient(queueName);
        var poison = queues.GetQueueClient(StorageNames.PoisonQueue(queueName));
        var wait = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.QueueBatchSize, ProcessingLease, stoppingToken);
                if (messages.Length > 0)
                {
                    wait = MinimumPollingInterval;
                    await Task.WhenAll(messages.Select(message => ProcessAsync(queue, poison, message, stoppingToken)));
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning("Polling queue {Queue} failed ({Failure}); trying again.", queueName, e.GetType().Name);
            }
            await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, settings.MaxPollingInterval.Ticks));
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var body = BinaryData.FromBytes(Convert.FromBase64String(message.Body.ToString()));
                await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, parameter =>
                    parameter.ParameterType == typeof(CancellationToken) ? stoppingToken
                    : parameter.ParameterType == typeof(BinaryData) ? body
                    : body.ToString());
            }
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                log.LogError("{Function} failed {Count} times on message {MessageId} ({Failure}); moved it to {Poison}.",
                    function.Name, message.DequeueCount, message.MessageId, failure.GetType().Name, poison.Name);
            }
            else
            {
                log.LogWarning("{Function} failed on message {MessageId}, try {Count} ({Failure}); it will be retried.",
                    function.Name, message.MessageId, message.DequeueCount, failure.GetType().Name);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout,
                    cancellationToken: CancellationToken.None);
            }
        }
    }
}
