using System.Globalization;
using PetitionFunctions.Benchmarks;

// dotnet run -c Release --project tests/PetitionFunctions.Benchmarks -- load [--concurrency N] [--seconds N] [--smoke] [--no-rate-limits]
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
        return await LoadBenchmark.RunAsync(smoke
            ? new LoadBenchmark.Settings(Concurrency: 4, Duration: TimeSpan.FromSeconds(2), Smoke: true)
            : new LoadBenchmark.Settings(concurrency, TimeSpan.FromSeconds(seconds), Smoke: false, rateLimits));
    case "rollup":
        var sizes = arguments.Skip(1).Select(int.Parse).ToArray();
        await RollupBenchmark.RunAsync(sizes.Length > 0 ? sizes : [1_000, 100_000], rounds);
        break;
    case "delivery":
        await DeliveryBenchmark.RunAsync(arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 200_000);
        break;
    default:
        Console.WriteLine("Benchmarks: load [--concurrency 32] [--seconds 20] [--smoke] [--no-rate-limits] | rollup [sizes...] [--rounds N] | delivery [count]");
        return 1;
}
return 0;
