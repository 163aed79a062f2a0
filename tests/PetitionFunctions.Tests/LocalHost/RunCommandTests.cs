using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.LocalHost;

/// <summary>
/// The README's run command as a newcomer meets it, run as its own process on the stand-in: its data and
/// keys outlive a restart (so an old email's link still works), --fresh starts empty, a busy port gets one
/// line and exit code 1, and --help lists the options.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly int _port = PetitionFunctions.LocalHost.ChildProcesses.FreePorts(1)[0];
    private readonly DirectoryInfo _outbox = Directory.CreateTempSubdirectory("run-command-outbox-");

    [Fact]
    public async Task Data_keys_and_old_links_survive_a_restart_and_fresh_starts_empty()
    {
        string confirmLink, token;
        await using (var first = await RunAsync())
        {
            await first.WaitForAsync("is ready at");
            Assert.True(File.Exists(LocalSettings.AdminTokenFileFor(_port)));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/api/") };
            // The console's link carries the run's token in its fragment, and the console page answers.
            var consoleLink = (await first.WaitForAsync("Admin console, signed in with that token: ")).Split(": ", 2)[1];
            Assert.EndsWith($":{_port}/api/console#token={(await File.ReadAllTextAsync(LocalSettings.AdminTokenFileFor(_port))).Trim()}", consoleLink, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(consoleLink).GetLeftPart(UriPartial.Path))).StatusCode);
            // The README's two signers, back to back from one machine: the demo campaigns' limits let both through.
            foreach (var (given, address) in new[] { ("Ana", "ana.run@example.org"), ("Luis", "luis.run@example.org") })
                Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("campaigns/governor-end-s-comm/signatures", Requests.Osdi(given, "Pérez", address))).StatusCode);
            // The run prints each email's links as it writes the email.
            var printed = await first.WaitForAsync("luis.run@example.org");
            confirmLink = (await first.WaitForAsync("/api/confirm#", after: printed)).Trim();
            // An organiser's change to a demo campaign, made with the run's admin token.
            token = await File.ReadAllTextAsync(LocalSettings.AdminTokenFileFor(_port));
            using var admin = Admin(token);
            var changed = await admin.PatchAsync("manage/campaigns/governor-end-s-comm",
                new StringContent("""{"goal": 3000}""", System.Text.Encoding.UTF8, "application/merge-patch+json"));
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            await first.StopAsync();
        }

        await using (var second = await RunAsync())
        {
            await second.WaitForAsync("is ready at");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/api/") };
            var confirmed = await new EmailLink("confirm", confirmLink.Split('#')[1]).FollowAsync(http);
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            var page = await confirmed.Content.ReadAsStringAsync();
            Assert.Contains("Signature confirmed", page);
            Assert.DoesNotContain("once our team has reviewed", page);
            // The token written before the restart still works, and the change was kept (the demo seeding adds only what is missing).
            using var admin = Admin(token);
            var campaign = await admin.GetAsync("manage/campaigns/governor-end-s-comm");
            Assert.Equal(HttpStatusCode.OK, campaign.StatusCode);
            Assert.Contains("\"goal\":3000", await campaign.Content.ReadAsStringAsync());
            await second.StopAsync();
        }

        await using (var fresh = await RunAsync("--fresh"))
        {
            await fresh.WaitForAsync("is ready at");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/api/") };
            Assert.Equal(HttpStatusCode.BadRequest, (await new EmailLink("confirm", confirmLink.Split('#')[1]).FollowAsync(http)).StatusCode);
            await fresh.StopAsync();
        }
    }

    [Fact]
    public async Task A_busy_port_gets_one_line_naming_it_and_the_fix_and_exit_code_1_and_no_token_is_written()
    {
        var busy = new TcpListener(IPAddress.Loopback, _port);
        busy.Start();
        try
        {
            await using var run = await RunAsync();
            var exit = await run.ExitAsync();

            Assert.Equal(1, exit);
            var error = Assert.Single(run.Errors, line => line.Length > 0);
            Assert.Contains($"Port {_port} is already in use", error);
            Assert.Contains("--urls http://127.0.0.1:", error);
            Assert.False(File.Exists(LocalSettings.AdminTokenFileFor(_port)));
        }
        finally
        {
            busy.Stop();
        }
    }

    [Fact]
    public async Task Help_lists_the_options_and_starts_nothing()
    {
        await using var run = await RunAsync("--help");

        Assert.Equal(0, await run.ExitAsync());
        var text = string.Join("\n", run.Lines);
        foreach (var option in new[] { "--runtime", "--urls", "--fresh", "--help" }) Assert.Contains(option, text);
        Assert.False(File.Exists(LocalSettings.AdminTokenFileFor(_port)));
    }

    private HttpClient Admin(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/api/") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Trim());
        return client;
    }

    private async Task<RunningCommand> RunAsync(params string[] options)
    {
        // The run command's own build (with its runtime configuration), in the configuration these tests were built in.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(RunCommandTests).Assembly.Location))!);
        var program = Path.Combine(RepositoryRoot.Find(), "functions", "PetitionFunctions.LocalHost", "bin", configuration, "net10.0", "PetitionFunctions.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet", [program, "--runtime", "stand-in", "--urls", $"http://127.0.0.1:{_port}", .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Find(),
        };
        start.Environment["Email__Outbox__Folder"] = _outbox.FullName;
        start.Environment.Remove(RealFunctionsHost.HostVariable);
        return await Task.FromResult(new RunningCommand(Process.Start(start)!));
    }


    public void Dispose()
    {
        foreach (var path in new[] { LocalSettings.DataFolderFor(_port) })
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        if (File.Exists(LocalSettings.AdminTokenFileFor(_port))) File.Delete(LocalSettings.AdminTokenFileFor(_port));
        _outbox.Delete(recursive: true);
    }

    /// <summary>The run command's process, its output collected line by line.</summary>
    private sealed class RunningCommand : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly List<string> _errors = [];

        public RunningCommand(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.Add(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }
        public IReadOnlyList<string> Errors { get { lock (_errors) return [.. _errors]; } }

        /// <summary>Waits for an output line containing the text, after the given line number; returns the line.</summary>
        public async Task<string> WaitForAsync(string text, int seconds = 90, string? after = null)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (true)
            {
                var lines = Lines;
                var from = after is null ? 0 : lines.ToList().IndexOf(after) + 1;
                if (lines.Skip(from).FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } found) return found;
                Assert.False(_process.HasExited, $"The run command stopped before printing \"{text}\":\n{string.Join("\n", lines)}\n{string.Join("\n", Errors)}");
                Assert.True(DateTime.UtcNow < deadline, $"No line with \"{text}\" within {seconds} s:\n{string.Join("\n", lines)}");
                await Task.Delay(100);
            }
        }

        public async Task<int> ExitAsync(int seconds = 60)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        /// <summary>Stops it as Ctrl+C or a service manager would, and waits for it to finish cleanly.</summary>
        public async Task StopAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            Assert.Equal(0, await ExitAsync());
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
