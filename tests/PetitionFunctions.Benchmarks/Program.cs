using System.Globalization;
using PetitionFunctions.Benchmarks;

// dotnet run -c Release --project tests/PetitionFunctions.Benchmarks -- load [--concurrency N] [--seconds N] [--smoke] [--no-rate-limits] [--runtime stand-in|real|both]
//   --runtime real and both need the real Functions host: FUNCTIONS_HOST, else func on the PATH.
// dotnet run -c Release --project tests/PetitionFunctions.Benchmarks -- rollup [sizes...] [--rounds N]
// dotnet run -c Release --project tests/PetitionFunctions.Benchmarks -- delivery [count]
var arguments = args.ToList();
var rounds = 7;
if (arguments.IndexOf("--rounds") is var at and >= 0)
{
    rounds = int.Parse(arguments[at + 1], CultureInfo.InvariantCulture);
    arguments.RemoveRange(at, 2);
}
switch (arguments.FirstOrDefault())
{
    case "load":
        var smoke = arguments.Remove("--smoke");
        var rateLimits = !arguments.Remove("--no-rate-limits");
        var concurrency = arguments.IndexOf("--concurrency") is var c and >= 0 ? int.Parse(arguments[c + 1], CultureInfo.InvariantCulture) : 32;
        var seconds = arguments.IndexOf("--seconds") is var d and >= 0 ? int.Parse(arguments[d + 1], CultureInfo.InvariantCulture) : 20;
        LoadBenchmark.Runtime[]? runtimes = (arguments.IndexOf("--runtime") is var r and >= 0 ? arguments.ElementAtOrDefault(r + 1) : "stand-in") switch
        {
            "stand-in" => [LoadBenchmark.Runtime.StandIn],
            "real" => [LoadBenchmark.Runtime.Real],
            "both" => [LoadBenchmark.Runtime.StandIn, LoadBenchmark.Runtime.Real],
            _ => null,
        };
        if (runtimes is null)
        {
            Console.Error.WriteLine("Unknown --runtime: use stand-in (the default), real or both.");
            return 1;
        }
        return await LoadBenchmark.RunAsync(smoke
            ? new LoadBenchmark.Settings(Concurrency: 4, Duration: TimeSpan.FromSeconds(2), Smoke: true, Runtimes: runtimes)
            : new LoadBenchmark.Settings(concurrency, TimeSpan.FromSeconds(seconds), Smoke: false, rateLimits, runtimes));
    case "serve-stand-in":
        return await StandInProcess.ServeAsync(arguments[1], arguments[2]);
    case "rollup":
        var sizes = arguments.Skip(1).Select(int.Parse).ToArray();
        await RollupBenchmark.RunAsync(sizes.Length > 0 ? sizes : [1_000, 100_000], rounds);
        break;
    case "delivery":
        await DeliveryBenchmark.RunAsync(arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 200_000);
        break;
    default:
        Console.WriteLine("Benchmarks: load [--concurrency 32] [--seconds 20] [--smoke] [--no-rate-limits] [--runtime stand-in|real|both] | rollup [sizes...] [--rounds N] | delivery [count]");
        return 1;
}
return 0;
