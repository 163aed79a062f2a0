using System.Runtime.InteropServices;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// The run command: Azurite, the development token issuer, the app and the demo campaigns, on the real
/// Functions host when one is found (<see cref="RealFunctionsHost.Locate"/>), else on the embedded stand-in.
/// </summary>
public static class LocalRun
{
    private const string Usage = """
        Runs PetitionFunctions on this machine: Azurite (in memory), the app, the demo campaigns, emails as .eml
        files in ./outbox, and a development admin token in .local/admin-token.

        Usage: dotnet run --project functions/PetitionFunctions.LocalHost [-- OPTIONS]

          --runtime auto|real|stand-in   real: the Azure Functions host (Core Tools' func, or the program named
                                         by FUNCTIONS_HOST); stand-in: the embedded host in this project;
                                         auto (default): real when one is found, else the stand-in
          --urls http://127.0.0.1:PORT   where the app listens (default http://localhost:7071)
          --help                         this text
        """;

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var runtime = Option(args, "--runtime") ?? "auto";
        if (runtime is not ("auto" or "real" or "stand-in"))
        {
            Console.Error.WriteLine($"Unknown runtime '{runtime}': use auto, real or stand-in.");
            return 1;
        }
        var realHost = runtime == "stand-in" ? null : RealFunctionsHost.Locate();
        if (runtime == "real" && realHost is null)
        {
            Console.Error.WriteLine($"No Functions host found: install Azure Functions Core Tools (func) or set {RealFunctionsHost.HostVariable} to a host program.");
            return 1;
        }
        return realHost is null ? await RunStandInAsync(WithoutOption(args, "--runtime")) : await RunRealAsync(realHost, Option(args, "--urls"));
    }

    private static async Task<int> RunStandInAsync(string[] args)
    {
        await using var host = await LocalFunctionsHost.StartAsync(args);
        host.WriteAdminTokenFile();
        host.PrintSummary(Console.Out);
        await host.App.WaitForShutdownAsync();
        return 0;
    }

    private static async Task<int> RunRealAsync(string command, string? urls)
    {
        var port = urls is null ? 7071 : new Uri(urls).Port;
        await using var azurite = await Azurite.StartAsync();
        await using var tokens = await DevelopmentTokens.StartAsync();
        var settings = LocalSettings.For(azurite, tokens, LocalSettings.OutboxFolder, new Uri($"http://localhost:{port}/"));
        Console.WriteLine($"Starting the app on the Functions host {command} (port {port})...");
        await using var host = await RealFunctionsHost.StartAsync(command, settings, port);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await DemoCampaigns.SeedAsync(new CampaignTable(StorageClients.Tables(configuration)), CancellationToken.None);
        LocalSettings.WriteAdminTokenFile(tokens);
        LocalSettings.PrintSummary(Console.Out, new Uri($"http://localhost:{port}/api/"), $"the Azure Functions host ({command})",
            azurite, LocalSettings.OutboxFolder, hasDevelopmentToken: true);
        host.LinePrinted += Console.WriteLine;

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, e => { e.Cancel = true; stop.TrySetResult(); });
        var ended = await Task.WhenAny(stop.Task, host.Exited);
        if (ended == host.Exited)
        {
            Console.Error.WriteLine("The Functions host stopped on its own; see its output above.");
            return 1;
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        }
        return null;
    }

    private static string[] WithoutOption(string[] args, string name)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name) { i++; continue; }
            if (!args[i].StartsWith(name + "=", StringComparison.Ordinal)) kept.Add(args[i]);
        }
        return [.. kept];
    }
}
