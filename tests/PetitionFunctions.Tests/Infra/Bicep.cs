using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PetitionFunctions.Tests.Infra;

/// <summary>Where the repository's infrastructure files are.</summary>
internal static class InfraPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    public static IEnumerable<string> BicepFiles() =>
        Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>A path relative to the repository root, with forward slashes, for test names and messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "azure.yaml")) && Directory.Exists(Path.Combine(dir.FullName, "infra")))
                return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (azure.yaml) above " + AppContext.BaseDirectory);
    }
}

internal sealed record BicepResult(int ExitCode, string StdOut, string StdErr)
{
    public string Output => (StdOut + StdErr).Trim();
}

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a PackageReference of this
/// test project with ExcludeAssets="all": restore puts it in the NuGet packages folder and nothing
/// else). Its folder is read from this project's obj/project.assets.json, so no network is needed.
/// </summary>
internal static class Bicep
{
    private const string PackageId = "Azure.Bicep.CommandLine.linux-x64";
    private static readonly Lazy<string> Executable = new(Locate);

    public static string Path => Executable.Value;

    public static BicepResult Run(params string[] arguments) => RunIn(InfraPaths.Infra, arguments);

    public static BicepResult RunIn(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Offline and quiet: no telemetry, no check for a newer CLI.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep " + string.Join(' ', arguments) + " took more than 3 minutes.");
        }
        process.WaitForExit();
        return new BicepResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The compiled ARM JSON of a .bicep file (bicep build --stdout).</summary>
    public static JsonObject Build(string bicepFile)
    {
        var result = Run("build", "--stdout", bicepFile);
        Assert.True(result.ExitCode == 0, $"bicep build {bicepFile} failed:\n{result.Output}");
        return JsonNode.Parse(result.StdOut)!.AsObject();
    }

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            throw new PlatformNotSupportedException($"{PackageId} runs on Linux x64 only.");
        var assets = System.IO.Path.Combine(InfraPaths.Root, "tests", "PetitionFunctions.Tests", "obj", "project.assets.json");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        var library = document.RootElement.GetProperty("libraries").EnumerateObject()
            .FirstOrDefault(entry => entry.Name.StartsWith(PackageId + "/", StringComparison.OrdinalIgnoreCase));
        if (library.Value.ValueKind == JsonValueKind.Undefined)
            throw new InvalidOperationException($"{PackageId} is not in {assets}: restore the test project.");
        var packagePath = library.Value.GetProperty("path").GetString()!;
        foreach (var folder in document.RootElement.GetProperty("packageFolders").EnumerateObject())
        {
            var candidate = System.IO.Path.Combine(folder.Name, packagePath, "tools", "bicep");
            if (!File.Exists(candidate)) continue;
            // NuGet extracts without the execute bit.
            var mode = File.GetUnixFileMode(candidate);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(candidate, mode | execute);
            return candidate;
        }
        throw new FileNotFoundException($"tools/bicep of {packagePath} is in none of the package folders of {assets}.");
    }
}
