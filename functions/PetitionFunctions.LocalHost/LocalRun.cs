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
        Runs PetitionFunctions on this machine: Azurite, the app, the demo campaigns, emails as .eml files in
        ./outbox (their links also printed here), and a development admin token in .local/admin-token.
        Campaigns, signatures and the app's keys are kept in .local/data between runs.

        Usage: dotnet run --project functions/PetitionFunctions.LocalHost [-- OPTIONS]

          --runtime auto|real|stand-in   real: the Azure Functions host (Core Tools' func, or the program named
                                         by FUNCTIONS_HOST); stand-in: the embedded host in this project;
                                         auto (default): real when one is found, else the stand-in
          --urls http://127.0.0.1:PORT   where the app listens (default http://localhost:7071); another port keeps
                                         its own data (.local/data-PORT) and token (.local/admin-token-PORT)
          --fresh                        start from empty storage and new keys (deletes the port's data folder)
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
        var port = Option(args, "--urls") is { } urls && Uri.TryCreate(urls, UriKind.Absolute, out var address) ? address.Port : LocalSettings.DefaultPort;
        if (!ChildProcesses.IsFree(port))
        {
            Console.Error.WriteLine($"Port {port} is already in use (another run of PetitionFunctions, or another program). " +
                                    $"Stop it, or choose another port: dotnet run --project functions/PetitionFunctions.LocalHost -- --urls http://127.0.0.1:{port + 1}");
            return 1;
        }
        var dataFolder = LocalSettings.DataFolderFor(port);
        if (args.Contains("--fresh") && Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
            Console.WriteLine($"Started fresh: deleted {dataFolder}.");
        }
        args = [.. args.Where(arg => arg != "--fresh")];
        var realHost = runtime == "stand-in" ? null : RealFunctionsHost.Locate();
        if (runtime == "real" && realHost is null)
        {
            Console.Error.WriteLine($"No Functions host found: install Azure Functions Core Tools (func) or set {RealFunctionsHost.HostVariable} to a host program.");
            return 1;
        }
        return realHost is null
            ? await RunStandInAsync(WithoutOption(args, "--runtime"), dataFolder)
            : await RunRealAsync(realHost, port, dataFolder);
    }

    private static async Task<int> RunStandInAsync(string[] args, string dataFolder)
    {
        await using var host = await LocalFunctionsHost.StartAsync(args, builder => builder.Configuration[LocalFunctionsHost.DataFolderSetting] = dataFolder);
        host.WriteAdminTokenFile();
        host.PrintSummary(Console.Out);
        using var printer = new OutboxPrinter(host.App.Configuration["Email:Outbox:Folder"] ?? LocalSettings.OutboxFolder, Console.Out);
        await host.App.WaitForShutdownAsync();
        return 0;
    }

    private static async Task<int> RunRealAsync(string command, int port, string dataFolder)
    {
        await using var azurite = await Azurite.StartAsync(Path.Combine(dataFolder, "azurite"));
        await using var tokens = await DevelopmentTokens.StartAsync(keepIn: dataFolder);
        var settings = LocalSettings.For(azurite, tokens, LocalSettings.OutboxFolder, new Uri($"http://localhost:{port}/"));
        Console.WriteLine($"Starting the app on the Functions host {command} (port {port})...");
        await using var host = await RealFunctionsHost.StartAsync(command, settings, port);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await DemoCampaigns.SeedAsync(new CampaignTable(StorageClients.Tables(configuration)), CancellationToken.None);
        LocalSettings.WriteAdminTokenFile(tokens, port);
        LocalSettings.PrintSummary(Console.Out, new Uri($"http://localhost:{port}/api/"), $"the Azure Functions host ({command})",
            azurite, LocalSettings.OutboxFolder, hasDevelopmentToken: true);
        host.LinePrinted += Console.WriteLine;
        using var printer = new OutboxPrinter(LocalSettings.OutboxFolder, Console.Out);

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
