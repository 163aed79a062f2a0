using Azure.Core;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace PetitionFunctions.Tests.Support;

/// <summary>A local host whose table client records every request, with the production read cache (60 s).</summary>
public sealed class RecordedReadsFixture : LocalHostFixture
{
    public StorageRecorder Recorder { get; } = new();

    // The timers read and write tables on their own schedule; only the crowd's reads may be recorded.
    protected override string[] DisabledFunctions =>
        [.. base.DisabledFunctions, "ReconcileCounts", "CheckDeliveryRules", "DetectTrends", "SweepRateLimits", "AnonymiseDeliveredCampaigns"];

    protected override void Configure(WebApplicationBuilder builder) => builder.Configuration["Counting:ReadCacheDuration"] = "00:01:00";

    protected override void ReplaceServices(IServiceCollection services)
    {
        var options = new TableClientOptions();
        options.AddPolicy(Recorder, HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(Azurite.ConnectionString, options));
    }
}
