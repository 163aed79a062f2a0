using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// The Azurite storage emulator, pinned in the repository's package.json, installed with npm on first
/// use and started on free ports: in memory, or in a data folder so that it can be stopped and
/// restarted with its data. Used by the local host and by the tests alike.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's documented development account; it only ever opens the emulator.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _script;
    private readonly string? _dataFolder;
    private Process _process = null!;

    private Azurite(string script, string? dataFolder, int blobPort, int queuePort, int tablePort)
    {
        _script = script;
        _dataFolder = dataFolder;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcesses.Kill(_process);
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    public bool HasExited => _process.HasExited;

    /// <summary>The node process's id, for a benchmark to read its CPU time.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Where it keeps its data between runs, or null when everything is in memory.</summary>
    public string? DataFolder => _dataFolder;

    /// <param name="dataFolder">
    /// Where Azurite keeps its data (its <c>--location</c>); null keeps everything in memory. Azurite
    /// writes its tables and queue metadata to this folder every few seconds and when it stops on SIGTERM.
    /// </param>
    public static async Task<Azurite> StartAsync(string? dataFolder = null, CancellationToken cancellationToken = default)
    {
        var script = await EnsureInstalledAsync(RepositoryRoot.Find(), cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var ports = ChildProcesses.FreePorts(3);
            var azurite = new Azurite(script, dataFolder, ports[0], ports[1], ports[2]);
            try
            {
                await azurite.RunAsync(cancellationToken);
                return azurite;
            }
            // A free port can be taken by another program between our look and Azurite's bind; try others.
            catch (InvalidOperationException) when (azurite.HasExited && attempt < StartAttempts)
            {
                azurite._process.Dispose();
            }
        }
    }

    private const int StartAttempts = 3;

    /// <summary>Starts a stopped Azurite again on the same ports, with the data it kept in its data folder.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_dataFolder is null) throw new InvalidOperationException("An in-memory Azurite has nothing to restart with; give it a data folder.");
        if (!_process.HasExited) throw new InvalidOperationException("Azurite is still running; stop it first.");
        _process.Dispose();
        await RunAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = _dataFolder is null ? ["--inMemoryPersistence"] : ["--location", _dataFolder];
        foreach (var argument in (string[])[
                     _script, "--silent", .. persistence, "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", $"{BlobPort}", "--queuePort", $"{QueuePort}", "--tablePort", $"{TablePort}"])
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(cancellationToken);
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (_process.HasExited) throw new InvalidOperationException($"Azurite exited at start (code {_process.ExitCode}).");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    /// <summary>Runs <c>npm ci</c> once if Azurite is not installed yet; a file lock keeps parallel starts from racing.</summary>
    private static async Task<string> EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script)) return script;
        await using var installLock = await AcquireLockAsync(Path.Combine(root, ".npm-install.lock"), cancellationToken);
        if (File.Exists(script)) return script;
        var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = root, UseShellExecute = false })
                  ?? throw new InvalidOperationException("Could not run npm.");
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0 || !File.Exists(script))
            throw new InvalidOperationException($"'npm ci' in {root} failed (exit {npm.ExitCode}); Azurite is not installed.");
        return script;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
            catch (IOException) { await Task.Delay(250, cancellationToken); }
        }
    }

    /// <summary>Stops Azurite with SIGTERM, as its documentation advises, and waits for it to go.</summary>
    public Task StopAsync() => ChildProcesses.StopAsync(_process, TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}

public static class RepositoryRoot
{
    /// <summary>The folder holding PetitionFunctions.sln, searched upward from the program and from the working directory.</summary>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PetitionFunctions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Could not find the repository root (the folder with PetitionFunctions.sln); run from inside the repository.");
    }
}
