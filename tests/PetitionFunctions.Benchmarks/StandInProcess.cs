using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Benchmarks;

/// <summary>
/// The embedded stand-in in a process of its own (this program's <c>serve-stand-in</c> command), as the real
/// host's worker is: its CPU time and allocations are then the app's alone, not the load generator's too.
/// </summary>
public sealed class StandInProcess : IAsyncDisposable
{
    private const string Ready = "STAND-IN READY";
    private const string Allocated = "STAND-IN ALLOCATED ";
    private readonly Process _process;
    private readonly string _settingsFile;

    private StandInProcess(Process process, string settingsFile) => (_process, _settingsFile) = (process, settingsFile);

    public int ProcessId => _process.Id;

    public static async Task<StandInProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, Uri baseAddress)
    {
        var settingsFile = Path.Combine(Path.GetTempPath(), $"petition-stand-in-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(settings));
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(StandInProcess).Assembly.Location);
        foreach (var argument in (string[])["serve-stand-in", settingsFile, baseAddress.AbsoluteUri.TrimEnd('/')]) start.ArgumentList.Add(argument);
        var stand = new StandInProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the stand-in."), settingsFile);
        try
        {
            await stand.ReadUntilAsync(Ready).WaitAsync(TimeSpan.FromMinutes(2));
            return stand;
        }
        catch
        {
            await stand.DisposeAsync();
            throw;
        }
    }

    /// <summary>Bytes the stand-in's process has allocated since it started (<see cref="GC.GetTotalAllocatedBytes"/>, precise).</summary>
    public async Task<long> AllocatedBytesAsync()
    {
        await _process.StandardInput.WriteLineAsync("allocated");
        await _process.StandardInput.FlushAsync();
        return long.Parse((await ReadUntilAsync(Allocated))[Allocated.Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the child's output up to a line starting with <paramref name="prefix"/>; its log lines are passed over.</summary>
    private async Task<string> ReadUntilAsync(string prefix)
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        throw new InvalidOperationException($"The stand-in exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before it said \"{prefix.Trim()}\".");
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); }
        catch (IOException) { }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
        File.Delete(_settingsFile);
    }

    /// <summary>The child's side: runs the stand-in with the settings in the file until its input closes, answering "allocated".</summary>
    public static async Task<int> ServeAsync(string settingsFile, string url)
    {
        var settings = JsonSerializer.Deserialize<Dictionary<string, string?>>(await File.ReadAllTextAsync(settingsFile))!;
        await using (await LocalFunctionsHost.StartAsync(["--urls", url], builder => builder.Configuration.AddInMemoryCollection(settings)))
        {
            Console.WriteLine(Ready);
            while (await Console.In.ReadLineAsync() is { } line)
                if (line == "allocated") Console.WriteLine(Allocated + GC.GetTotalAllocatedBytes(precise: true).ToString(CultureInfo.InvariantCulture));
        }
        return 0;
    }
}
