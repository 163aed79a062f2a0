using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Delivery;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Benchmarks;

/// <summary>
/// The delivery packet for a large campaign: a fresh Azurite gets N confirmed signatures written as the
/// app writes them, then the packet is built as <see cref="DeliverySender"/> builds it (the confirmed
/// signers read and decrypted page by page, streamed into CSV part files), without sending it. Prints
/// the time and how much the process's memory grew while building.
/// </summary>
public static class DeliveryBenchmark
{
    private const int BatchSize = 100;

    public static async Task RunAsync(int count)
    {
        await using var azurite = await Azurite.StartAsync();
        using var host = await RollupBenchmark.StartServicesAsync(azurite.ConnectionString);
        var services = host.Services;
        var campaign = DemoCampaigns.All[0] with { Slug = $"bench-delivery-{count}" };
        await services.GetRequiredService<CampaignTable>().SaveAsync(campaign, CancellationToken.None);

        var setup = Stopwatch.StartNew();
        var confirmedAt = DateTimeOffset.UtcNow.AddHours(-1);
        await InsertConfirmedAsync(services, campaign.Slug, count, confirmedAt);
        setup.Stop();
        Console.WriteLine($"Setup: {count:N0} confirmed signatures (and their journal rows) in {setup.Elapsed.TotalSeconds:F1} s.");

        var folder = Path.Combine(Path.GetTempPath(), "petition-delivery-bench-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            var signers = services.GetRequiredService<ConfirmedSigners>();
            var maxPartBytes = services.GetRequiredService<IOptions<DeliveryOptions>>().Value.MaxPartBytes;
            string PartFile(int number) => Path.Combine(folder, $"part-{number}.csv");

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var sampler = new MemorySampler();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var timer = Stopwatch.StartNew();
            var parts = await DeliveryCsv.WriteAsync(
                signers.ReadAsync(campaign.Slug, DateTimeOffset.UtcNow, CancellationToken.None),
                maxPartBytes,
                number => new FileStream(PartFile(number), FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true),
                CancellationToken.None);
            timer.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var (heapBefore, heapPeak, setBefore, setPeak) = await sampler.StopAsync();

            var rows = parts.Sum(p => p.Rows);
            if (rows != count) throw new InvalidOperationException($"The packet holds {rows:N0} signers, not {count:N0}.");
            var bytes = parts.Sum(p => p.Bytes);
            if (bytes != parts.Sum(p => new FileInfo(PartFile(p.Number)).Length)) throw new InvalidOperationException("The part files differ from what was counted.");

            Console.WriteLine($"Delivery packet of {count:N0} confirmed signers (max part {maxPartBytes / 1e6:F0} MB)");
            Console.WriteLine($"  rows {rows:N0}, parts {parts.Count}, bytes {bytes:N0} ({bytes / 1048576.0:F1} MiB), built in {timer.Elapsed.TotalSeconds:F1} s ({rows / timer.Elapsed.TotalSeconds:N0} rows/s)");
            Console.WriteLine($"  managed heap: {Mib(heapBefore)} before, peak {Mib(heapPeak)} during the build (growth {Mib(heapPeak - heapBefore)}); allocated {Mib(allocated)} in all");
            Console.WriteLine($"  working set:  {Mib(setBefore)} before, peak {Mib(setPeak)} during the build (growth {Mib(setPeak - setBefore)}); process peak since start {Mib(Process.GetCurrentProcess().PeakWorkingSet64)}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        await host.StopAsync();
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:F1} MiB";

    /// <summary>
    /// Confirmed signature rows as intake and confirmation leave them (personal data encrypted, bound to
    /// the row), each with its journal row, spread over the 16 partitions and written in batches of 100, in parallel.
    /// Rows are made batch by batch, so the setup holds no more than the batches in flight.
    /// </summary>
    private static async Task InsertConfirmedAsync(IServiceProvider services, string campaign, int count, DateTimeOffset confirmedAt)
    {
        var table = services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.SignaturesTable);
        var cipher = services.GetRequiredService<PersonalDataCipher>();
        var batches = (count + BatchSize - 1) / BatchSize;
        await Parallel.ForEachAsync(Enumerable.Range(0, batches), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            var digit = "0123456789abcdef"[batch % DedupeKeys.Partitions];
            var signatures = new List<TableTransactionAction>();
            var journal = new List<TableTransactionAction>();
            for (var i = batch * BatchSize; i < Math.Min(count, (batch + 1) * BatchSize); i++)
            {
                var key = digit + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))[1..];
                var partition = DedupeKeys.PartitionOf(campaign, key);
                var receivedAt = confirmedAt.AddMinutes(-5);
                var person = new PersonalDetails($"Given{i}", $"Family Name {i}", $"signer{i}@example.org", $"1{i % 10000:D4}", "New York",
                    i % 5 == 0 ? "Our families belong here, and we ask you to act on this now, before another season passes." : null);
                signatures.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, key)
                {
                    ["State"] = nameof(SignatureState.Confirmed), ["Language"] = i % 3 == 0 ? "es" : "en", ["Source"] = $"partner-{i % 7}",
                    ["Region"] = "NY", ["PostalPrefix"] = $"1{i % 100:D2}", ["ReceivedAt"] = receivedAt,
                    ["Personal"] = person.Protect(cipher, campaign, key), ["EmailRequests"] = 1, ["LastEmailRequestedAt"] = receivedAt,
                    ["EmailsSent"] = 1, ["LastSentSequence"] = 1, ["ConfirmedAt"] = confirmedAt,
                }));
                journal.Add(new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(partition, $"{SignatureTable.JournalPrefix}{confirmedAt.UtcTicks:D19}-{key}")
                    {
                        ["Campaign"] = campaign, ["SignatureKey"] = key, ["Change"] = 1, ["At"] = confirmedAt, ["Source"] = $"partner-{i % 7}",
                        ["Region"] = "NY", ["PostalPrefix"] = $"1{i % 100:D2}", ["Language"] = i % 3 == 0 ? "es" : "en",
                    }));
            }
            await table.SubmitTransactionAsync(signatures, ct);
            await table.SubmitTransactionAsync(journal, ct);
        });
    }

    /// <summary>Samples the managed heap and the working set every 10 ms until stopped, keeping the highest of each.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly long _heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        private readonly long _setBefore = Environment.WorkingSet;
        private readonly Task<(long Heap, long Set)> _sampling;

        public MemorySampler() => _sampling = Task.Run(SampleAsync);

        private async Task<(long, long)> SampleAsync()
        {
            var (heap, set) = (_heapBefore, _setBefore);
            while (true)
            {
                heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
                set = Math.Max(set, Environment.WorkingSet);
                if (_stop.IsCancellationRequested) return (heap, set);
                try { await Task.Delay(10, _stop.Token); }
                catch (OperationCanceledException) { }
            }
        }

        public async Task<(long HeapBefore, long HeapPeak, long SetBefore, long SetPeak)> StopAsync()
        {
            await _stop.CancelAsync();
            var (heap, set) = await _sampling;
            return (_heapBefore, heap, _setBefore, set);
        }

        public void Dispose() => _stop.Dispose();
    }
}
