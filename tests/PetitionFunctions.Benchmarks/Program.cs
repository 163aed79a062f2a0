using PetitionFunctions.Benchmarks;

// dotnet run -c Release --project tests/PetitionFunctions.Benchmarks -- rollup [sizes...] [--rounds N]
var arguments = args.ToList();
var rounds = 7;
if (arguments.IndexOf("--rounds") is var at and >= 0)
{
    rounds = int.Parse(arguments[at + 1]);
    arguments.RemoveRange(at, 2);
}
switch (arguments.FirstOrDefault())
{
    case "rollup":
        var sizes = arguments.Skip(1).Select(int.Parse).ToArray();
        await RollupBenchmark.RunAsync(sizes.Length > 0 ? sizes : [1_000, 100_000], rounds);
        break;
    default:
        Console.WriteLine("Benchmarks: rollup [sizes...] [--rounds N]   (default sizes 1000 100000)");
        return 1;
}
return 0;
