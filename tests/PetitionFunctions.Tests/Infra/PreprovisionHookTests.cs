using System.Diagnostics;

namespace PetitionFunctions.Tests.Infra;

/// <summary>
/// infra/hooks/preprovision.sh run against stand-ins of azd (an environment kept in a file) and of the
/// Azure CLI (which records its calls): keys are made once and then never change, rotation keeps the
/// old key id, and the app registration is created only when API_APP_ID is missing.
/// </summary>
public sealed class PreprovisionHookTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("preprovision-");
    private string Store => Path.Combine(_folder.FullName, "azd.env");
    private string AzLog => Path.Combine(_folder.FullName, "az.log");

    public PreprovisionHookTests()
    {
        File.WriteAllText(Store, "AZURE_ENV_NAME=test\n");
        var bin = Directory.CreateDirectory(Path.Combine(_folder.FullName, "bin")).FullName;
        WriteScript(Path.Combine(bin, "azd"), """
            #!/bin/sh
            store="$STUB_STORE"
            if [ "$1 $2" = "env get-value" ]; then
              grep -q "^$3=" "$store" || { echo "ERROR: key '$3' not found in the environment values" >&2; exit 1; }
              grep "^$3=" "$store" | head -n 1 | cut -d= -f2-
            elif [ "$1 $2" = "env set" ]; then
              grep -v "^$3=" "$store" > "$store.tmp" || true
              printf '%s=%s\n' "$3" "$4" >> "$store.tmp"
              mv "$store.tmp" "$store"
            fi
            """);
        WriteScript(Path.Combine(bin, "az"), """
            #!/bin/sh
            echo "$*" >> "$STUB_AZ_LOG"
            case "$*" in
              "ad app list"*) ;;
              "ad app create"*)
                for arg in "$@"; do case "$arg" in @*) cp "${arg#@}" "$STUB_AZ_LOG.roles" ;; esac; done
                echo 11111111-2222-3333-4444-555555555555 ;;
              "ad app show"*"--query id"*) echo 99999999-8888-7777-6666-555555555555 ;;
              "ad app show"*"spa.redirectUris"*) cat "$STUB_AZ_LOG.spa" 2>/dev/null || true ;;
              *) ;;
            esac
            """);
    }

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private Dictionary<string, string> Values() => File.ReadAllLines(Store).Where(line => line.Contains('='))
        .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..]);

    private void Run(string hook = "preprovision.sh")
    {
        var start = new ProcessStartInfo("sh", [Path.Combine(InfraPaths.Infra, "hooks", hook)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InfraPaths.Root,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = Path.Combine(_folder.FullName, "bin") + ":/usr/bin:/bin";
        start.Environment["HOME"] = _folder.FullName;
        start.Environment["STUB_STORE"] = Store;
        start.Environment["STUB_AZ_LOG"] = AzLog;
        // azd hands the environment's values to hooks as environment variables.
        foreach (var (key, value) in Values()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.True(process.ExitCode == 0, $"{hook} failed:\n{stdout}{stderr.Result}");
    }

    private static void AssertKey(string value) => Assert.Equal(32, Convert.FromBase64String(value).Length);

    [Fact]
    public void Makes_the_keys_and_the_app_registration_once_and_never_again()
    {
        if (!OperatingSystem.IsLinux()) return;
        Run();
        var first = Values();
        AssertKey(first["PETITIONS_DEDUPE_KEY"]);
        AssertKey(first["PETITIONS_LINK_KEY"]);
        AssertKey(first["PETITIONS_ENCRYPTION_KEY"]);
        Assert.NotEqual(first["PETITIONS_DEDUPE_KEY"], first["PETITIONS_LINK_KEY"]);
        Assert.Equal("k1", first["PETITIONS_ENCRYPTION_KEY_ID"]);
        Assert.Equal("", first["PETITIONS_RETIRED_ENCRYPTION_KEY_IDS"]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", first["API_APP_ID"]);
        var calls = File.ReadAllText(AzLog);
        Assert.Contains("ad app create --display-name petition-functions-api-test", calls);
        Assert.Contains("--identifier-uris api://11111111-2222-3333-4444-555555555555", calls);
        Assert.Contains("04b07795-8ddb-461a-bbee-02f9e1bf7b46", calls);
        Assert.Contains("ad sp create", calls);
        Assert.Contains("\"Petitions.Deliver\"", File.ReadAllText(AzLog + ".roles"));

        Run();
        Assert.Equal(first, Values());
        Assert.Equal(calls, File.ReadAllText(AzLog)); // API_APP_ID set: the Azure CLI is not called again
    }

    [Fact]
    public void Changing_the_key_id_rotates_the_encryption_key_and_keeps_the_old_id()
    {
        if (!OperatingSystem.IsLinux()) return;
        File.AppendAllText(Store, "API_APP_ID=existing\n");
        Run();
        var before = Values();
        File.AppendAllText(Store, "PETITIONS_ENCRYPTION_KEY_ID=k2\n");
        File.WriteAllLines(Store, File.ReadAllLines(Store).Where(line => line != "PETITIONS_ENCRYPTION_KEY_ID=k1"));
        Run();
        var after = Values();
        Assert.Equal("k2", after["PETITIONS_ENCRYPTION_KEY_ID"]);
        Assert.Equal("k1", after["PETITIONS_RETIRED_ENCRYPTION_KEY_IDS"]);
        Assert.NotEqual(before["PETITIONS_ENCRYPTION_KEY"], after["PETITIONS_ENCRYPTION_KEY"]);
        AssertKey(after["PETITIONS_ENCRYPTION_KEY"]);
        Assert.Equal(before["PETITIONS_DEDUPE_KEY"], after["PETITIONS_DEDUPE_KEY"]);
        Assert.Equal(before["PETITIONS_LINK_KEY"], after["PETITIONS_LINK_KEY"]);
        Assert.False(File.Exists(AzLog));

        Run();
        Assert.Equal(after, Values());
    }

    [Fact]
    public void Once_provisioned_the_keys_leave_the_environment_file_and_are_never_made_again_but_a_rotation_still_works()
    {
        if (!OperatingSystem.IsLinux()) return;
        File.AppendAllText(Store, "API_APP_ID=existing\n");
        Run();
        var generated = Values();

        Run("postprovision.sh");

        var cleared = Values();
        Assert.Equal("true", cleared["PETITIONS_KEYS_IN_VAULT"]);
        foreach (var key in new[] { "PETITIONS_DEDUPE_KEY", "PETITIONS_LINK_KEY", "PETITIONS_ENCRYPTION_KEY" })
        {
            Assert.Equal("", cleared[key]);
            Assert.DoesNotContain(generated[key], File.ReadAllText(Store), StringComparison.Ordinal);
        }

        // The next provision passes them empty (the vault keeps its secrets): nothing is made again.
        Run();
        Assert.Equal(cleared, Values());

        // A rotation makes only the new encryption key, which the provision writes and the hook clears again.
        File.WriteAllLines(Store, File.ReadAllLines(Store).Select(line => line == "PETITIONS_ENCRYPTION_KEY_ID=k1" ? "PETITIONS_ENCRYPTION_KEY_ID=k2" : line));
        Run();
        var rotated = Values();
        AssertKey(rotated["PETITIONS_ENCRYPTION_KEY"]);
        Assert.Equal("k1", rotated["PETITIONS_RETIRED_ENCRYPTION_KEY_IDS"]);
        Assert.Equal(("", ""), (rotated["PETITIONS_DEDUPE_KEY"], rotated["PETITIONS_LINK_KEY"]));
        Run("postprovision.sh");
        Assert.Equal("", Values()["PETITIONS_ENCRYPTION_KEY"]);
    }

    [Fact]
    public void After_provisioning_the_console_s_page_becomes_a_redirect_URI_of_the_app_registration_once_keeping_the_others()
    {
        if (!OperatingSystem.IsLinux()) return;
        File.AppendAllText(Store, "API_APP_ID=11111111-2222-3333-4444-555555555555\nAPI_URL=https://func-petitions.azurewebsites.net\n");
        File.WriteAllText(AzLog + ".spa", "https://petitions.example.org/api/console\n");

        Run("postprovision.sh");

        var patch = Assert.Single(File.ReadAllLines(AzLog), line => line.StartsWith("rest --method PATCH", StringComparison.Ordinal));
        Assert.Contains("applications/99999999-8888-7777-6666-555555555555", patch);
        Assert.Contains("{\"spa\": {\"redirectUris\": [\"https://petitions.example.org/api/console\",\"https://func-petitions.azurewebsites.net/api/console\"]}}", patch);

        // Once it is there, nothing is changed.
        File.AppendAllText(AzLog + ".spa", "https://func-petitions.azurewebsites.net/api/console\n");
        File.Delete(AzLog);
        Run("postprovision.sh");
        Assert.DoesNotContain(File.ReadAllLines(AzLog), line => line.StartsWith("rest", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
