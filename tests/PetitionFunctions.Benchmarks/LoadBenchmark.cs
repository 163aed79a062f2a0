using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Benchmarks;

/// <summary>
/// Drives the local host over real HTTP with a realistic mix of sign-ons, and in the same run measures
/// the storage floor: the same process doing only what a sign-on must (one insert, one enqueue)
/// against the same Azurite. Prints accepted sign-ons per second, latency percentiles and the ratio.
/// </summary>
public static class LoadBenchmark
{
    private static readonly string[] Partners = ["ndlon", "cuav", "nyclu", "make-the-road", "faith-network"];

    public sealed record Settings(int Concurrency, TimeSpan Duration, bool Smoke, bool RateLimits = true);

    public static async Task<int> RunAsync(Settings settings)
    {
        await using var azurite = await Azurite.StartAsync();
        await using var host = await LocalFunctionsHost.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Configuration[StorageNames.ConnectionSetting] = azurite.ConnectionString;
                foreach (var key in new[] { "DedupeKey", "LinkKey" })
                    builder.Configuration[$"Petitions:{key}"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                builder.Configuration["Petitions:ActiveEncryptionKeyId"] = "load";
                builder.Configuration["Petitions:EncryptionKeys:load"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                builder.Configuration["LocalHost:SeedDemoCampaigns"] = "true";
                // Intake alone: the email and counting functions would compete for the same two cores.
                foreach (var function in IntakeOnly)
                    builder.Configuration[$"AzureWebJobs.{function}.Disabled"] = "true";
                builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            });
        var api = new Uri(host.BaseAddress, "api/");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 2, AllowAutoRedirect = false })
        {
            BaseAddress = api,
        };
        var campaign = DemoCampaigns.All[0].Slug;
        if (!settings.RateLimits)
        {
            // To see what the shared rate limits cost: the campaign's own rules, none, replace the defaults.
            var campaigns = host.App.Services.GetRequiredService<CampaignTable>();
            var demo = (await campaigns.FindAsync(campaign, CancellationToken.None))!;
            await campaigns.SaveAsync(demo with { RateLimits = [] }, CancellationToken.None);
        }

        Console.WriteLine($"Load: {settings.Concurrency} concurrent clients, {settings.Duration.TotalSeconds:F0} s per phase, against {api}"
                          + (settings.RateLimits ? "" : ", rate limits off"));
        var floor = await MeasureFloorAsync(azurite.ConnectionString, settings);
        var saturated = await DriveAsync(http, campaign, settings, ratePerSecond: null);
        var half = await DriveAsync(http, campaign, settings, ratePerSecond: saturated.AcceptedPerSecond / 2);

        Console.WriteLine($"{"phase",-28} {"accepted/s",11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"2xx/303",8} {"400",6} {"5xx",6}");
        Console.WriteLine($"{"storage floor (insert+send)",-28} {floor.PerSecond,11:F0} {floor.P50,8:F1} {floor.P95,8:F1} {floor.P99,8:F1}");
        Print("saturating (closed loop)", saturated);
        Print($"half rate ({saturated.AcceptedPerSecond / 2:F0}/s, open loop)", half);
        Console.WriteLine($"ratio to the floor: {saturated.AcceptedPerSecond / floor.PerSecond:F2} (aim: at least 0.80); p99 at half rate: {half.P99:F0} ms (aim: under 250)");

        var failures = saturated.ServerErrors + half.ServerErrors;
        if (saturated.Accepted == 0 || failures > 0)
        {
            Console.WriteLine($"FAILED: {saturated.Accepted} accepted, {failures} server errors.");
            return 1;
        }
        return 0;
    }

    private static readonly string[] IntakeOnly =
        ["SendConfirmationEmail", "GiveUpOnConfirmationEmail", "RelayPendingConfirmations", "RollUpCounts", "ReconcileCounts", "SweepRateLimits"];

    private static void Print(string phase, Phase result) =>
        Console.WriteLine($"{phase,-28} {result.AcceptedPerSecond,11:F0} {result.P50,8:F1} {result.P95,8:F1} {result.P99,8:F1} {result.Accepted,8} {result.BadRequests,6} {result.ServerErrors,6}");

    public sealed record Phase(double AcceptedPerSecond, double P50, double P95, double P99, int Accepted, int BadRequests, int ServerErrors);

    public sealed record Floor(double PerSecond, double P50, double P95, double P99);

    /// <summary>The least storage work of a sign-on, done directly: insert one entity, send one message.</summary>
    private static async Task<Floor> MeasureFloorAsync(string connectionString, Settings settings)
    {
        var table = new TableClient(connectionString, "LoadFloor");
        await table.CreateIfNotExistsAsync();
        var queue = new QueueClient(connectionString, "load-floor", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        var latencies = new List<double>();
        var stop = DateTime.UtcNow + settings.Duration;
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            while (DateTime.UtcNow < stop)
            {
                var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                var timer = Stopwatch.StartNew();
                await table.AddEntityAsync(new TableEntity($"floor:{key[0]}", key) { ["Personal"] = new string('x', 200) });
                await queue.SendMessageAsync($"{{\"campaign\":\"floor\",\"signatureKey\":\"{key}\"}}");
                mine.Add(timer.Elapsed.TotalMilliseconds);
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        latencies.Sort();
        return new Floor(latencies.Count / settings.Duration.TotalSeconds, Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99));
    }

    /// <summary>
    /// The mix: about 10% repeats of someone who already signed (through another partner), 2% bad input,
    /// the rest new people; half JSON (OSDI), half form posts. Closed loop when no rate is given.
    /// </summary>
    private static async Task<Phase> DriveAsync(HttpClient http, string campaign, Settings settings, double? ratePerSecond)
    {
        var signed = new List<string>();
        var latencies = new List<double>();
        int accepted = 0, badRequests = 0, serverErrors = 0, sequence = 0;
        var started = Stopwatch.StartNew();
        var stop = settings.Duration;
        var interval = ratePerSecond is > 0 ? TimeSpan.FromSeconds(settings.Concurrency / ratePerSecond.Value) : TimeSpan.Zero;

        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async worker =>
        {
            var random = new Random(worker * 7919 + (ratePerSecond is null ? 1 : 2));
            var next = started.Elapsed + interval * random.NextDouble();
            while (started.Elapsed < stop)
            {
                if (interval > TimeSpan.Zero)
                {
                    var wait = next - started.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                    next += interval;
                }
                var n = Interlocked.Increment(ref sequence);
                var roll = random.Next(100);
                string email;
                lock (signed) email = roll < 10 && signed.Count > 0 ? signed[random.Next(signed.Count)] : $"signer{n}-{worker}@example.org";
                var content = roll is >= 10 and < 12
                    ? (HttpContent)new StringContent("{\"person\": {", System.Text.Encoding.UTF8, "application/json")
                    : n % 2 == 0 ? Json(email, n) : Form(email, n);

                var timer = Stopwatch.StartNew();
                // Each simulated person posts from an address of their own (a repeat may come from another), as
                // the front end would forward it, so the per-address rate limits are measured, not tripped.
                using var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{campaign}/signatures") { Content = content };
                var address = Interlocked.Increment(ref _addresses);
                request.Headers.Add("X-Forwarded-For", $"10.{address >> 16 & 255}.{address >> 8 & 255}.{address & 255}");
                using var answer = await http.SendAsync(request);
                var elapsed = timer.Elapsed.TotalMilliseconds;
                if (answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.SeeOther)
                {
                    Interlocked.Increment(ref accepted);
                    lock (latencies) latencies.Add(elapsed);
                    lock (signed) signed.Add(email);
                }
                else if ((int)answer.StatusCode >= 500) Interlocked.Increment(ref serverErrors);
                else Interlocked.Increment(ref badRequests);
            }
        }));
        latencies.Sort();
        return new Phase(accepted / started.Elapsed.TotalSeconds, Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99),
            accepted, badRequests, serverErrors);
    }

    /// <summary>Counts simulated addresses across phases, so no two posts of a run share one.</summary>
    private static int _addresses;

    private static HttpContent Json(string email, int n) => JsonContent.Create(new
    {
        person = new
        {
            given_name = "Load", family_name = $"Signer {n}",
            email_addresses = new[] { new { address = email } },
            postal_addresses = new[] { new { postal_code = $"1{n % 1000:D3}", region = "NY" } },
            preferred_language = n % 3 == 0 ? "es" : "en",
        },
        referrer_data = new { source = Partners[n % Partners.Length] },
    });

    private static HttpContent Form(string email, int n) => new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["given_name"] = "Load", ["family_name"] = $"Signer {n}", ["email"] = email, ["postal_code"] = $"1{n % 1000:D3}",
        ["language"] = n % 3 == 0 ? "es" : "en", ["source"] = Partners[n % Partners.Length],
        ["return_url"] = DemoCampaigns.ReturnUrls[0],
    });

    private static double Percentile(List<double> sorted, int percent) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
}
