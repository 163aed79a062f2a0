using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// The app on the real Azure Functions host, the runtime Azure uses: Core Tools' <c>func</c>, or the
/// host build named by the <c>FUNCTIONS_HOST</c> environment variable. It runs the app's ordinary
/// <c>dotnet build</c> output, with the app's settings passed as environment variables (which win over
/// any local.settings.json, with <c>func</c> and <c>functions-host</c> alike).
/// </summary>
public sealed class RealFunctionsHost : IAsyncDisposable
{
    public const string HostVariable = "FUNCTIONS_HOST";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RealFunctionsHost(Process process, string command, int port)
    {
        _process = process;
        Command = command;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcesses.Kill(_process);
    }

    /// <summary>The host program this runs on.</summary>
    public string Command { get; }

    public Uri BaseAddress { get; }

    /// <summary>Completes when the host process ends.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The host process's id; the app's worker runs as its child.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the host and the app's worker printed so far, a line an entry.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Called with each line the host prints (the run command echoes them to its console).</summary>
    public event Action<string>? LinePrinted;

    /// <summary>
    /// The host to run on: <c>FUNCTIONS_HOST</c> when it names a program (an explicit choice wins), else
    /// <c>func</c> from the PATH; null when neither exists.
    /// </summary>
    public static string? Locate()
    {
        var named = Environment.GetEnvironmentVariable(HostVariable);
        if (!string.IsNullOrWhiteSpace(named)) return File.Exists(named) ? Path.GetFullPath(named) : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "func"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The app's build output, in the configuration this program was built in (the solution builds both alike).</summary>
    public static string ScriptRoot()
    {
        var configuration = typeof(RealFunctionsHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var folder = Path.Combine(RepositoryRoot.Find(), "functions", "PetitionFunctions", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(folder, "functions.metadata")))
            throw new InvalidOperationException($"The app's build output is not in {folder}; run 'dotnet build -c {configuration}' first.");
        return folder;
    }

    /// <summary>Starts the host on <paramref name="port"/> and waits until the app answers GET /api/health.</summary>
    /// <param name="settings">App settings, "Section:Key" names as in IConfiguration.</param>
    public static async Task<RealFunctionsHost> StartAsync(
        string command, IReadOnlyDictionary<string, string?> settings, int port, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["start", "--script-root", ScriptRoot(), "--port", $"{port}"]) start.ArgumentList.Add(argument);
        foreach (var (name, value) in settings) start.Environment[name.Replace(":", "__")] = value;
        // A variable of the test runner's or the shell's must not choose the app's URL or environment.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var host = new RealFunctionsHost(process, command, port);
        process.OutputDataReceived += (_, line) => host.Print(line.Data);
        process.ErrorDataReceived += (_, line) => host.Print(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private void Print(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        LinePrinted?.Invoke(line);
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Command} exited at start (code {_process.ExitCode}):{Environment.NewLine}{Tail()}");
            try
            {
                using var answer = await http.GetAsync("api/health", cancellationToken);
                if (answer.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The app on {Command} did not answer /api/health within 2 minutes:{Environment.NewLine}{Tail()}");
            await Task.Delay(250, cancellationToken);
        }
    }

    private string Tail() => string.Join(Environment.NewLine, _output.TakeLast(60));

    /// <summary>Stops the host with SIGTERM (it stops the app's worker first), killing both if that takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        await ChildProcesses.StopAsync(_process, TimeSpan.FromSeconds(15));
        _process.Dispose();
    }
}
