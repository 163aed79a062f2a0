using Azure;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace PetitionFunctions.Common;

public static class StorageFailures
{
    /// <summary>
    /// True when storage could not be reached or refused for its own reasons (timeouts, 5xx, throttling):
    /// the client is not at fault and may retry. Client mistakes never reach storage.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnavailable),
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };
}
