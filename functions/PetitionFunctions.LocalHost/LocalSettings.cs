using System.Security.Cryptography;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.LocalHost;

/// <summary>What a local run configures and prints, the same whichever runtime serves the app.</summary>
public static class LocalSettings
{
    public const int DefaultPort = 7071;

    /// <summary>
    /// Where a local run writes a development admin token with every role, for curl and the azd hook: a
    /// second run on another port never overwrites the first one's.
    /// </summary>
    public static string AdminTokenFileFor(int port) =>
        Path.Combine(RepositoryRoot.Find(), ".local", port == DefaultPort ? "admin-token" : $"admin-token-{port}");

    /// <summary>
    /// Where a local run keeps its data between runs (git-ignored, under .local): Azurite's files in
    /// "azurite" and the app's keys in "keys.json", so campaigns, signatures and the links in old emails
    /// outlive a restart. One folder per port, so two runs never share one Azurite's files.
    /// </summary>
    public static string DataFolderFor(int port) =>
        Path.Combine(RepositoryRoot.Find(), ".local", port == DefaultPort ? "data" : $"data-{port}");

    /// <summary>
    /// The keys kept in a data folder, made on its first use: the data encrypted, deduped and linked with
    /// them is kept beside them, so they must not change while it exists. Readable by this user only.
    /// </summary>
    public static Dictionary<string, string?> KeptSecrets(string dataFolder)
    {
        var file = Path.Combine(dataFolder, "keys.json");
        if (File.Exists(file))
            return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(File.ReadAllText(file))!;
        Directory.CreateDirectory(dataFolder);
        var secrets = ThrowawaySecrets();
        File.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(secrets));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secrets;
    }

    /// <summary>Where emails land as .eml files unless Email:Outbox:Folder says otherwise.</summary>
    public static string OutboxFolder => Path.Combine(RepositoryRoot.Find(), "outbox");

    /// <summary>
    /// Keys for an in-memory Azurite that dies with the process, so they need not outlive it. Against
    /// storage that persists, the keys must be configured, or the app refuses to start.
    /// </summary>
    public static Dictionary<string, string?> ThrowawaySecrets() => new()
    {
        [$"{PetitionSecrets.Section}:DedupeKey"] = NewKey(),
        [$"{PetitionSecrets.Section}:LinkKey"] = NewKey(),
        [$"{PetitionSecrets.Section}:ActiveEncryptionKeyId"] = "local",
        [$"{PetitionSecrets.Section}:EncryptionKeys:local"] = NewKey(),
    };

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Every setting the app needs for a local run on Azurite, with the development issuer and the outbox.</summary>
    public static Dictionary<string, string?> For(Azurite azurite, DevelopmentTokens tokens, string outboxFolder, Uri publicBaseUrl)
    {
        var settings = azurite.DataFolder is { } data ? KeptSecrets(Path.GetDirectoryName(data)!) : ThrowawaySecrets();
        settings[StorageNames.ConnectionSetting] = azurite.ConnectionString;
        settings[$"{EmailOptions.Section}:Transport"] = "Outbox";
        settings[$"{EmailOptions.Section}:Outbox:Folder"] = outboxFolder;
        settings[PublicLinks.BaseUrlSetting] = publicBaseUrl.AbsoluteUri.TrimEnd('/');
        foreach (var (name, value) in tokens.Settings) settings[name] = value;
        return settings;
    }

    public static void WriteAdminTokenFile(DevelopmentTokens tokens, int port)
    {
        var file = AdminTokenFileFor(port);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, tokens.CreateForEveryRole(TimeSpan.FromHours(12)));
    }

    /// <param name="api">The app's address under the route prefix, ending in a slash.</param>
    /// <param name="runtime">What serves the app, in words.</param>
    /// <param name="outboxFolder">Where emails land, or null when they are really sent.</param>
    public static void PrintSummary(TextWriter output, Uri api, string runtime, Azurite? azurite, string? outboxFolder, bool hasDevelopmentToken)
    {
        output.WriteLine();
        output.WriteLine($"PetitionFunctions is ready at {api}");
        output.WriteLine($"Runtime: {runtime}");
        output.WriteLine(azurite is null
            ? "Storage: as configured (AzureWebJobsStorage)."
            : $"Storage: Azurite {(azurite.DataFolder is { } data ? $"keeping its data in {data} (start with --fresh to empty it)" : "in memory")}, "
              + $"tables on port {azurite.TablePort}, queues on {azurite.QueuePort}, blobs on {azurite.BlobPort}.{Environment.NewLine}"
              + $"  Connection string: {azurite.ConnectionString}");
        output.WriteLine(outboxFolder is not null ? $"Email: written as .eml files to {Path.GetFullPath(outboxFolder)}" : "Email: sent as configured");
        output.WriteLine("Functions:");
        foreach (var function in FunctionCatalog.Read(typeof(ServiceRegistration).Assembly))
            output.WriteLine($"  {function.Name,-36} {function.Describe(api.AbsolutePath.Trim('/'))}");
        if (hasDevelopmentToken)
        {
            var tokenFile = AdminTokenFileFor(api.Port);
            output.WriteLine($"Admin: a development token with every role (12 hours) is in {tokenFile}:");
            output.WriteLine($"  curl -H \"Authorization: Bearer $(cat {tokenFile})\" {api}manage/campaigns");
            // The token rides in the fragment, which the browser never sends; the console reads it and clears it.
            output.WriteLine($"Admin console, signed in with that token: {api}console#token={File.ReadAllText(tokenFile).Trim()}");
        }
        output.WriteLine("Demo campaigns: " + string.Join(", ", DemoCampaigns.All.Select(c => c.Slug)));
        output.WriteLine($"Health: {api}health    Campaigns: {api}campaigns");
        output.WriteLine("Sign the demo petition:");
        output.WriteLine($"  curl -i -H 'Content-Type: application/json' -d '{{\"person\":{{\"given_name\":\"Ana\",\"family_name\":\"Pérez\","
                         + "\"email_addresses\":[{\"address\":\"ana@example.org\"}],\"postal_addresses\":[{\"postal_code\":\"10027\"}]}}' "
                         + $"{api}campaigns/{DemoCampaigns.All[0].Slug}/signatures");
        output.WriteLine("Press Ctrl+C to stop.");
    }
}
