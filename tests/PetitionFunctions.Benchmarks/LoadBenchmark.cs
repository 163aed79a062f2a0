using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Intake;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Benchmarks;

/// <summary>
/// Drives the app over real HTTP with a realistic mix of sign-ons, on the embedded stand-in, on the real
/// Azure Functions host, or on both one after the other, and for each runtime measures the storage floor in
/// the same run: the same process doing only what a sign-on must (one insert, one enqueue) against the same
/// Azurite. Prints accepted sign-ons per second, latency percentiles and the ratio; with both runtimes, a
/// table of the two side by side.
/// </summary>
public static class LoadBenchmark
{
    private static readonly string[] Partners = ["ndlon", "cuav", "nyclu", "make-the-road", "faith-network"];

    public enum Runtime { StandIn, Real }

    /// <param name="Runtimes">What serves the app, measured in this order; null or empty: the stand-in alone.</param>
    public sealed record Settings(int Concurrency, TimeSpan Duration, bool Smoke, bool RateLimits = true, IReadOnlyList<Runtime>? Runtimes = null);

    /// <summary>One runtime's figures: the floor measured just before it, on its own Azurite, the two phases, and what the saturating phase cost.</summary>
    public sealed record Result(Runtime Runtime, string Name, Floor Floor, Phase Saturated, Phase Half, Cost Cost)
    {
        public double Ratio => Saturated.AcceptedPerSecond / Floor.PerSecond;
    }

    /// <summary>
    /// What the saturating phase's accepted sign-ons cost, counted: storage requests at the counting proxies,
    /// CPU from the kernel's accounting of the app's processes and of Azurite's, and the stand-in's allocations
    /// (null on the real host, whose worker this program cannot ask).
    /// </summary>
    public sealed record Cost(int Accepted, long TableRequests, long QueueRequests, ProcessCpu.Sample AppCpu, TimeSpan AzuriteCpu, long? AllocatedBytes)
    {
        /// <summary>From a short phase of new people only (no repeats, no malformed posts).</summary>
        public double RequestsPerNewSignOn { get; init; }

        public double RequestsPerSignOn => (TableRequests + QueueRequests) / (double)Accepted;
        public double AppCpuMsPerSignOn => AppCpu.Total.TotalMilliseconds / Accepted;
        public double AzuriteCpuMsPerSignOn => AzuriteCpu.TotalMilliseconds / Accepted;
        public double? KilobytesPerSignOn => AllocatedBytes / 1024.0 / Accepted;
    }

    // The aims of the issue that set them: a sign-on at the storage floor, cheap in the app, fast when not saturated.
    private const double RatioAim = 0.9, HalfRateP99AimMs = 100, RequestsAim = 2, AppCpuAimMs = 2;

    public static async Task<int> RunAsync(Settings settings)
    {
        var runtimes = settings.Runtimes is { Count: > 0 } chosen ? chosen : [Runtime.StandIn];
        string? hostCommand = null;
        if (runtimes.Contains(Runtime.Real))
        {
            hostCommand = RealFunctionsHost.Locate();
            if (hostCommand is null)
            {
                Console.Error.WriteLine($"No Functions host found for --runtime real: set {RealFunctionsHost.HostVariable} to a host program "
                                        + "(e.g. /work/shared/functions-host/functions-host) or install Core Tools' func.");
                return 2;
            }
            try { RealFunctionsHost.ScriptRoot(); }
            catch (InvalidOperationException missing)
            {
                Console.Error.WriteLine(missing.Message);
                return 2;
            }
        }

        var results = new List<Result>();
        foreach (var runtime in runtimes) results.Add(await MeasureAsync(runtime, hostCommand, settings));
        if (results.Count > 1) PrintSideBySide(results, settings);

        var failed = false;
        foreach (var result in results)
        {
            var failures = result.Saturated.ServerErrors + result.Half.ServerErrors;
            if (result.Saturated.Accepted == 0 || failures > 0)
            {
                Console.WriteLine($"FAILED on {result.Name}: {result.Saturated.Accepted} accepted, {failures} server errors.");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    /// <summary>
    /// A fresh Azurite, the app on one runtime with the same settings either way, then the three phases. Each
    /// runtime gets its own Azurite, because Azurite slows as its tables grow: the second runtime measured on
    /// the first one's tables would read worse for that alone.
    /// </summary>
    private static async Task<Result> MeasureAsync(Runtime runtime, string? hostCommand, Settings settings)
    {
        await using var azurite = await Azurite.StartAsync();
        await using var tokens = await DevelopmentTokens.StartAsync();
        var port = ChildProcesses.FreePorts(1)[0];
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var outbox = Path.Combine(Path.GetTempPath(), "petition-load-outbox-" + Guid.NewGuid().ToString("n"));
        var appSettings = LocalSettings.For(azurite, tokens, outbox, baseAddress);
        // Intake alone: the queue and timer functions (email, counting, sweeps, trends) would compete for the same two cores.
        foreach (var function in FunctionCatalog.Read(typeof(ServiceRegistration).Assembly).Where(f => f.Trigger is not HttpBinding))
            appSettings[$"AzureWebJobs.{function.Name}.Disabled"] = "true";
        // Warnings only, on both runtimes: the app's own logs, and the real host's line per function execution.
        appSettings["Logging:LogLevel:Default"] = "Warning";
        appSettings["AzureFunctionsJobHost:logging:logLevel:default"] = "Warning";
        appSettings["AzureFunctionsJobHost:logging:logLevel:Function"] = "Warning";
        appSettings["AzureFunctionsJobHost:logging:logLevel:Host.Results"] = "Warning";

        // The app reaches Azurite's tables and queues through proxies that count its requests (its blobs, the real
        // host's leases, go direct); the floor goes through them too, so both pay the same extra hop.
        await using var tableProxy = RequestCountingProxy.Start(azurite.TablePort);
        await using var queueProxy = RequestCountingProxy.Start(azurite.QueuePort);
        var counted = azurite.ConnectionString
            .Replace($":{azurite.TablePort}/", $":{tableProxy.Port}/", StringComparison.Ordinal)
            .Replace($":{azurite.QueuePort}/", $":{queueProxy.Port}/", StringComparison.Ordinal);
        appSettings[StorageNames.ConnectionSetting] = counted;

        string name;
        IAsyncDisposable app;
        int appProcess;
        if (runtime == Runtime.Real)
        {
            name = "real host";
            var host = await RealFunctionsHost.StartAsync(hostCommand!, appSettings, port);
            (app, appProcess) = (host, host.ProcessId);
        }
        else
        {
            name = "stand-in";
            var standIn = await StandInProcess.StartAsync(appSettings, baseAddress);
            (app, appProcess) = (standIn, standIn.ProcessId);
        }
        try
        {
            // The demo campaigns, written by this process (the real host seeds nothing; the app may still be
            // making its tables, hence the create); the load's petition with BenchmarkRateLimits, or none.
            var campaign = DemoCampaigns.All[0] with { RateLimits = settings.RateLimits ? BenchmarkRateLimits : [] };
            var tables = StorageClients.Tables(new ConfigurationBuilder().AddInMemoryCollection(appSettings).Build());
            await tables.CreateTableIfNotExistsAsync(StorageNames.CampaignsTable);
            var campaigns = new CampaignTable(tables);
            await DemoCampaigns.SeedAsync(campaigns, CancellationToken.None);
            await campaigns.SaveAsync(campaign, CancellationToken.None);

            var api = new Uri(baseAddress, "api/");
            var distinct = SourceAddressClient.Available();
            Console.WriteLine($"Load: {settings.Concurrency} concurrent clients, {settings.Duration.TotalSeconds:F0} s per phase, against {api}"
                              + (settings.RateLimits ? "" : ", rate limits off"));
            Console.WriteLine($"Runtime: {(runtime == Runtime.Real ? $"the Azure Functions host ({hostCommand})" : "the embedded stand-in (PetitionFunctions.LocalHost)")}"
                              + (distinct ? "; each client from its own loopback address" : "; all clients from 127.0.0.1 (this system binds no other loopback address)"));
            // A warm-up, not counted: either runtime starts cold (the JIT of the app's code, first connections to
            // Azurite), the real host more so (its own process, its proxy, and the worker behind gRPC); without it
            // the first seconds would weigh on the saturating phase, and more on the real host's.
            var warmUp = await DriveAsync(api, campaign.Slug, settings with { Duration = settings.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3) },
                ratePerSecond: null, phase: 3, distinct);
            Console.WriteLine($"warm-up (not counted): {warmUp.Accepted} accepted, p50 {warmUp.P50:F1} ms, p99 {warmUp.P99:F1} ms");
            var floor = await MeasureFloorAsync(counted, settings);
            var standIn = app as StandInProcess;
            var (tablesBefore, queuesBefore, appBefore, azuriteBefore) = (tableProxy.Requests, queueProxy.Requests, ProcessCpu.Read(appProcess), ProcessCpu.Read(azurite.ProcessId));
            var allocatedBefore = standIn is null ? (long?)null : await standIn.AllocatedBytesAsync();
            var saturated = await DriveAsync(api, campaign.Slug, settings, ratePerSecond: null, phase: 1, distinct);
            var allocatedAfter = standIn is null ? (long?)null : await standIn.AllocatedBytesAsync();
            var cost = new Cost(saturated.Accepted, tableProxy.Requests - tablesBefore, queueProxy.Requests - queuesBefore,
                ProcessCpu.Read(appProcess) - appBefore, (ProcessCpu.Read(azurite.ProcessId) - azuriteBefore).Total, allocatedAfter - allocatedBefore);
            var half = await DriveAsync(api, campaign.Slug, settings, ratePerSecond: saturated.AcceptedPerSecond / 2, phase: 2, distinct);
            // The mix's repeats cost more than a new sign-on: a short phase of new people alone gives a new sign-on's requests.
            var requestsBefore = tableProxy.Requests + queueProxy.Requests;
            var newOnly = await DriveAsync(api, campaign.Slug, settings with { Duration = TimeSpan.FromSeconds(Math.Max(2, settings.Duration.TotalSeconds / 4)) },
                ratePerSecond: null, phase: 4, distinct, newPeopleOnly: true);
            cost = cost with { RequestsPerNewSignOn = (tableProxy.Requests + queueProxy.Requests - requestsBefore) / (double)newOnly.Accepted };

            Console.WriteLine($"{"phase",-28} {"accepted/s",11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"2xx/303",8} {"400",6} {"5xx",6}");
            Console.WriteLine($"{"storage floor (insert+send)",-28} {floor.PerSecond,11:F0} {floor.P50,8:F1} {floor.P95,8:F1} {floor.P99,8:F1}");
            Print("saturating (closed loop)", saturated);
            Print($"half rate ({saturated.AcceptedPerSecond / 2:F0}/s, open loop)", half);
            PrintCost(cost, runtime);
            var ratio = saturated.AcceptedPerSecond / floor.PerSecond;
            Console.WriteLine($"ratio to the floor: {ratio:F2} (aim: at least {RatioAim:F1}: {Met(ratio >= RatioAim)}); "
                              + $"p99 at half rate: {half.P99:F0} ms (aim: at most {HalfRateP99AimMs:F0}: {Met(half.P99 <= HalfRateP99AimMs)})");
            if (app is RealFunctionsHost host && host.Output.Where(line => line.StartsWith("fail:", StringComparison.Ordinal)).ToList() is { Count: > 0 } failures)
                Console.WriteLine($"The Functions host logged {failures.Count} failures; the first: {string.Join(" ", host.Output.SkipWhile(line => line != failures[0]).Take(3))}");
            if (saturated.TooMany + half.TooMany > 0)
                Console.WriteLine($"WARNING: {saturated.TooMany + half.TooMany} posts answered 429: the rate limits tripped, so this is not the intended mix.");
            Console.WriteLine();
            return new Result(runtime, name, floor, saturated, half, cost);
        }
        finally
        {
            await app.DisposeAsync();
            if (Directory.Exists(outbox)) Directory.Delete(outbox, recursive: true);
        }
    }

    /// <summary>
    /// The benchmark campaign's per-address limits. The app believes only the address a connection comes
    /// from, so the load cannot give each post an address of its own (as it once did with X-Forwarded-For);
    /// each client connects from its own loopback address instead (<see cref="SourceAddressClient"/>), and a
    /// client posts hundreds of times a minute, which the defaults (1 a minute, 5 in five minutes) would
    /// flag. These rules have the defaults' shape, two windows (60 s and 300 s), so every sign-on still takes
    /// one slot in each, in one batch request, as under the defaults; only the counts are raised, to the
    /// most a rule allows, so the limits' storage cost is measured but never tripped.
    /// </summary>
    private static readonly IReadOnlyList<RateLimitRule> BenchmarkRateLimits =
        [new(RateLimitRule.MaxCount, 60), new(RateLimitRule.MaxCount, 300)];

    private static void PrintSideBySide(IReadOnlyList<Result> results, Settings settings)
    {
        const int Width = 24;
        string Row(string label, Func<Result, string> value) => $"{label,-32}" + string.Concat(results.Select(r => value(r).PadLeft(Width)));
        string Percentiles(double p50, double p95, double p99) => $"{p50:F1} / {p95:F1} / {p99:F1}";
        Console.WriteLine($"Side by side ({settings.Concurrency} clients, {settings.Duration.TotalSeconds:F0} s per phase"
                          + (settings.RateLimits ? "" : ", rate limits off") + "; each runtime on a fresh Azurite, its floor measured just before it):");
        Console.WriteLine(Row("", r => r.Name));
        Console.WriteLine(Row("storage floor, per s", r => $"{r.Floor.PerSecond:F0}"));
        Console.WriteLine(Row("storage floor, p50/p95/p99 ms", r => Percentiles(r.Floor.P50, r.Floor.P95, r.Floor.P99)));
        Console.WriteLine(Row("saturating, accepted/s", r => $"{r.Saturated.AcceptedPerSecond:F0}"));
        Console.WriteLine(Row("saturating, p50/p95/p99 ms", r => Percentiles(r.Saturated.P50, r.Saturated.P95, r.Saturated.P99)));
        Console.WriteLine(Row($"ratio to the floor (aim {RatioAim:F1})", r => $"{r.Ratio:F2}"));
        Console.WriteLine(Row("storage requests per sign-on", r => $"{r.Cost.RequestsPerSignOn:F2}"));
        Console.WriteLine(Row("... per new sign-on (aim 2)", r => $"{r.Cost.RequestsPerNewSignOn:F2}"));
        Console.WriteLine(Row("app CPU ms per sign-on", r => $"{r.Cost.AppCpuMsPerSignOn:F2}"));
        Console.WriteLine(Row("Azurite CPU ms per sign-on", r => $"{r.Cost.AzuriteCpuMsPerSignOn:F2}"));
        Console.WriteLine(Row("allocated KB per sign-on", r => r.Cost.KilobytesPerSignOn is { } kilobytes ? $"{kilobytes:F1}" : "-"));
        Console.WriteLine(Row("half rate, target/s", r => $"{r.Saturated.AcceptedPerSecond / 2:F0}"));
        Console.WriteLine(Row("half rate, accepted/s", r => $"{r.Half.AcceptedPerSecond:F0}"));
        Console.WriteLine(Row("half rate, p50/p95/p99 ms", r => Percentiles(r.Half.P50, r.Half.P95, r.Half.P99)));
        Console.WriteLine(Row("2xx/303 / 400 / 5xx", r => $"{r.Saturated.Accepted + r.Half.Accepted} / {r.Saturated.BadRequests + r.Half.BadRequests} / {r.Saturated.ServerErrors + r.Half.ServerErrors}"));
        var first = results[0];
        foreach (var other in results.Skip(1))
            Console.WriteLine($"{other.Name} / {first.Name}: {other.Saturated.AcceptedPerSecond / first.Saturated.AcceptedPerSecond:F2} of the throughput at saturation, "
                              + $"{other.Ratio / first.Ratio:F2} of the ratio to the floor.");
    }

    private static string Met(bool met) => met ? "met" : "missed";

    private static void PrintCost(Cost cost, Runtime runtime)
    {
        Console.WriteLine($"cost of the saturating phase's {cost.Accepted} accepted sign-ons, per sign-on:");
        Console.WriteLine($"  storage requests  {cost.RequestsPerSignOn,6:F2}  ({cost.TableRequests} table, {cost.QueueRequests} queue; the mix's repeats cost more than a new sign-on)");
        Console.WriteLine($"  ... a new one     {cost.RequestsPerNewSignOn,6:F2}  (a phase of new people only; aim: at most {RequestsAim:F0}: {Met(cost.RequestsPerNewSignOn <= RequestsAim + 0.005)})");
        var split = runtime == Runtime.Real
            ? $"host {cost.AppCpu.Process.TotalMilliseconds / cost.Accepted:F2} + worker {cost.AppCpu.Descendants.TotalMilliseconds / cost.Accepted:F2}; "
            : "";
        Console.WriteLine($"  app CPU ms        {cost.AppCpuMsPerSignOn,6:F2}  ({split}aim: at most {AppCpuAimMs:F0}: {Met(cost.AppCpuMsPerSignOn <= AppCpuAimMs)})");
        Console.WriteLine($"  Azurite CPU ms    {cost.AzuriteCpuMsPerSignOn,6:F2}");
        Console.WriteLine(cost.KilobytesPerSignOn is { } kilobytes
            ? $"  allocated KB      {kilobytes,6:F1}  (the stand-in process's GC.GetTotalAllocatedBytes)"
            : "  allocated KB         -    (not measured on the real host: its worker cannot be asked)");
    }

    private static void Print(string phase, Phase result) =>
        Console.WriteLine($"{phase,-28} {result.AcceptedPerSecond,11:F0} {result.P50,8:F1} {result.P95,8:F1} {result.P99,8:F1} {result.Accepted,8} {result.BadRequests,6} {result.ServerErrors,6}");

    public sealed record Phase(double AcceptedPerSecond, double P50, double P95, double P99, int Accepted, int BadRequests, int ServerErrors, int TooMany);

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
    /// the rest new people; half JSON (OSDI), half form posts. Closed loop when no rate is given. Each client
    /// connects from its own loopback address, a different one in each phase (127.{phase}.x.y), as browsers
    /// do: no X-RateLimit-Strict, so the limits are left to the email job (switched off here) and cost intake nothing.
    /// </summary>
    private static async Task<Phase> DriveAsync(Uri api, string campaign, Settings settings, double? ratePerSecond, int phase, bool distinctAddresses, bool newPeopleOnly = false)
    {
        var signed = new List<string>();
        var latencies = new List<double>();
        int accepted = 0, badRequests = 0, serverErrors = 0, tooMany = 0, sequence = 0;
        var clients = Enumerable.Range(0, settings.Concurrency)
            .Select(worker => SourceAddressClient.Create(api, distinctAddresses ? SourceAddressClient.Loopback(phase << 16 | worker + 1) : null))
            .ToArray();
        var started = Stopwatch.StartNew();
        var stop = settings.Duration;
        var interval = ratePerSecond is > 0 ? TimeSpan.FromSeconds(settings.Concurrency / ratePerSecond.Value) : TimeSpan.Zero;

        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async worker =>
        {
            var http = clients[worker];
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
                var roll = newPeopleOnly ? 99 : random.Next(100);
                string email;
                lock (signed) email = roll < 10 && signed.Count > 0 ? signed[random.Next(signed.Count)] : $"signer{phase}-{n}-{worker}@example.org";
                var content = roll is >= 10 and < 12
                    ? (HttpContent)new StringContent("{\"person\": {", System.Text.Encoding.UTF8, "application/json")
                    : n % 2 == 0 ? Json(email, n) : Form(email, n);

                var timer = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{campaign}/signatures") { Content = content };
                using var answer = await http.SendAsync(request);
                var elapsed = timer.Elapsed.TotalMilliseconds;
                if (answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.SeeOther)
                {
                    Interlocked.Increment(ref accepted);
                    lock (latencies) latencies.Add(elapsed);
                    lock (signed) signed.Add(email);
                }
                else if ((int)answer.StatusCode >= 500) Interlocked.Increment(ref serverErrors);
                else if (answer.StatusCode == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref tooMany);
                else Interlocked.Increment(ref badRequests);
            }
        }));
        var seconds = started.Elapsed.TotalSeconds;
        foreach (var client in clients) client.Dispose();
        latencies.Sort();
        return new Phase(accepted / seconds, Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99),
            accepted, badRequests, serverErrors, tooMany);
    }

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
