using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Tests.Support;

/// <summary>A local host whose table and queue clients record every request, with the production read cache.</summary>
public sealed class RecordedStorageFixture : LocalHostFixture
{
    public StorageRecorder Recorder { get; } = new();

    // The timers read and write tables on their own schedule; only the requests a test makes may be recorded.
    protected override string[] DisabledFunctions =>
        [.. base.DisabledFunctions, "ReconcileCounts", "CheckDeliveryRules", "DetectTrends", "SweepRateLimits", "AnonymiseDeliveredCampaigns",
            "RelayPendingEndorsementConfirmations", "RelayPendingStoryEmails"];

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Configuration["Counting:ReadCacheDuration"] = new CountingOptions().ReadCacheDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    protected override void ReplaceServices(IServiceCollection services)
    {
        var tables = new TableClientOptions();
        tables.AddPolicy(Recorder, HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(Azurite.ConnectionString, tables));
        var queues = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queues.AddPolicy(Recorder, HttpPipelinePosition.PerCall);
        services.AddSingleton(new QueueServiceClient(Azurite.ConnectionString, queues));
    }
}
