using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Benchmarks;

/// <summary>
/// How the roll-up's cost grows: a campaign whose roll-ups already counted N confirmations gets 100 new
/// ones, and the roll-up that adds them is timed. Each size runs against its own fresh Azurite.
/// </summary>
public static class RollupBenchmark
{
    private const int NewPerRound = 100;

    public static async Task RunAsync(int[] sizes, int rounds)
    {
        Console.WriteLine($"Roll-up of {NewPerRound} new confirmations, {rounds} rounds each (times in milliseconds, medians)");
        Console.WriteLine($"{"already rolled up",18} {"requests",9} {"rows read",10} {"roll-up",8} {"min",7} {"max",7} {"baseline",9} {"over baseline",14}");
        foreach (var size in sizes)
        {
            await using var azurite = await Azurite.StartAsync();
            using var host = await StartServicesAsync(azurite.ConnectionString);
            var campaign = DemoCampaigns.All[0] with { Slug = $"bench-{size}" };
            await host.Services.GetRequiredService<CampaignTable>().SaveAsync(campaign, CancellationToken.None);
            var table = host.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.SignaturesTable);

            // The N rows are counted by the roll-up itself, as a campaign's history would have been,
            // which also moves them to the journal archive.
            var setup = Stopwatch.StartNew();
            var start = DateTimeOffset.UtcNow.AddDays(-1);
            await InsertJournalAsync(table, campaign.Slug, size, start, TimeSpan.FromDays(1) / Math.Max(size, 1) / 2);
            var inserted = setup.Elapsed;
            var initial = await host.Services.GetRequiredService<CountRollup>().RollupAsync(CancellationToken.None);
            if (initial != size) throw new InvalidOperationException($"The first roll-up added {initial}, not {size}.");
            setup.Stop();
            var archived = await CountAsync(host.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.JournalArchiveTable));

            var rollup = host.Services.GetRequiredService<CountRollup>();
            var requests = host.Services.GetRequiredService<RequestCounter>();
            var timings = new List<double>();
            var baselines = new List<double>();
            var requestsPerRollup = 0;
            for (var round = 0; round < rounds; round++)
            {
                // New confirmations just after what is already counted, as they would arrive.
                var counted = (await host.Services.GetRequiredService<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.WatermarkTicks;
                await InsertJournalAsync(table, campaign.Slug, NewPerRound, new DateTimeOffset(counted + 1, TimeSpan.Zero), TimeSpan.FromTicks(1));
                baselines.Add(await EmptyRangeQueriesAsync(table, campaign.Slug));
                requests.Reset();
                var timer = Stopwatch.StartNew();
                var added = await rollup.RollupAsync(CancellationToken.None);
                timer.Stop();
                requestsPerRollup = requests.Count;
                if (added != NewPerRound) throw new InvalidOperationException($"The roll-up added {added}, not {NewPerRound}.");
                timings.Add(timer.Elapsed.TotalMilliseconds);
            }
            var total = (await host.Services.GetRequiredService<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Count;
            if (total != size + rounds * NewPerRound) throw new InvalidOperationException($"The summary says {total}.");
            timings.Sort();
            baselines.Sort();
            var (median, baseline) = (timings[timings.Count / 2], baselines[baselines.Count / 2]);
            Console.WriteLine($"{size,18:N0} {requestsPerRollup,9} {NewPerRound,10} {median,8:F1} {timings[0],7:F1} {timings[^1],7:F1} {baseline,9:F1} {median - baseline,14:F1}"
                              + $"   (setup: {size:N0} rows written in {inserted.TotalSeconds:F1} s, rolled up and archived in {(setup.Elapsed - inserted).TotalSeconds:F1} s; archive holds {archived:N0})");
            await host.StopAsync();
        }
    }

    /// <summary>
    /// The emulator's own cost for the roll-up's 16 range queries over an empty range. Azurite answers
    /// every table query by testing each entity of the table, so this grows with the table; Azure's
    /// service seeks on (PartitionKey, RowKey) instead.
    /// </summary>
    private static async Task<double> EmptyRangeQueriesAsync(TableClient table, string campaign)
    {
        var future = DateTimeOffset.UtcNow.AddYears(1).UtcTicks;
        var timer = Stopwatch.StartNew();
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {SignatureTable.JournalPrefix + future.ToString("D19", CultureInfo.InvariantCulture)} and RowKey lt {SignatureTable.JournalPrefix + (future + 1).ToString("D19", CultureInfo.InvariantCulture)}");
            await foreach (var _ in table.QueryAsync<TableEntity>(filter)) throw new InvalidOperationException("The range should be empty.");
        }
        return timer.Elapsed.TotalMilliseconds;
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"])) count++;
        return count;
    }

    /// <summary>Counts the storage requests the app's table client sends.</summary>
    private sealed class RequestCounter : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private int _count;
        public int Count => _count;
        public void Reset() => Interlocked.Exchange(ref _count, 0);
        public override void OnSendingRequest(Azure.Core.HttpMessage message) => Interlocked.Increment(ref _count);
    }

    internal static async Task<IHost> StartServicesAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.ConnectionSetting] = connectionString,
            ["Petitions:DedupeKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Petitions:LinkKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Petitions:ActiveEncryptionKeyId"] = "bench",
            ["Petitions:EncryptionKeys:bench"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Counting:LagWindow"] = "00:00:00",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = DevelopmentTokens.TenantId,
            ["AzureAd:ClientId"] = DevelopmentTokens.ClientId,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPetitionFunctions(builder.Configuration);
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        builder.Services.AddSingleton(counter);
        builder.Services.AddSingleton(new TableServiceClient(connectionString, options));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Journal rows as confirmations write them, spread over the campaign's 16 partitions, in batches of 100 per partition.</summary>
    private static async Task InsertJournalAsync(TableClient table, string campaign, int count, DateTimeOffset from, TimeSpan step)
    {
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var at = from + step * i;
            return new TableEntity(DedupeKeys.PartitionOf(campaign, key), $"{SignatureTable.JournalPrefix}{at.UtcTicks:D19}-{key}")
            {
                ["Campaign"] = campaign, ["SignatureKey"] = key, ["Change"] = 1, ["At"] = at,
                ["Source"] = $"partner-{i % 7}", ["Region"] = "NY", ["PostalPrefix"] = $"1{i % 100:D2}", ["Language"] = i % 3 == 0 ? "es" : "en",
            };
        });
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct));
    }
}
