using System.Security.Cryptography;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.LocalHost;

/// <summary>What a local run configures and prints, the same whichever runtime serves the app.</summary>
public static class LocalSettings
{
    /// <summary>Where a local run writes a development admin token with every role, for curl and the azd hook.</summary>
    public static string AdminTokenFile => Path.Combine(RepositoryRoot.Find(), ".local", "admin-token");

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
        var settings = ThrowawaySecrets();
        settings[StorageNames.ConnectionSetting] = azurite.ConnectionString;
        settings[$"{EmailOptions.Section}:Transport"] = "Outbox";
        settings[$"{EmailOptions.Section}:Outbox:Folder"] = outboxFolder;
        settings[PublicLinks.BaseUrlSetting] = publicBaseUrl.AbsoluteUri.TrimEnd('/');
        foreach (var (name, value) in tokens.Settings) settings[name] = value;
        return settings;
    }

    public static void WriteAdminTokenFile(DevelopmentTokens tokens)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(AdminTokenFile)!);
        File.WriteAllText(AdminTokenFile, tokens.CreateForEveryRole(TimeSpan.FromHours(12)));
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
            : $"Storage: Azurite in memory, tables on port {azurite.TablePort}, queues on {azurite.QueuePort}, blobs on {azurite.BlobPort}.{Environment.NewLine}"
              + $"  Connection string: {azurite.ConnectionString}");
        output.WriteLine(outboxFolder is not null ? $"Email: written as .eml files to {Path.GetFullPath(outboxFolder)}" : "Email: sent as configured");
        output.WriteLine("Functions:");
        foreach (var function in FunctionCatalog.Read(typeof(ServiceRegistration).Assembly))
            output.WriteLine($"  {function.Name,-36} {function.Describe(api.AbsolutePath.Trim('/'))}");
        if (hasDevelopmentToken)
        {
            output.WriteLine($"Admin: a development token with every role (12 hours) is in {AdminTokenFile}:");
            output.WriteLine($"  curl -H \"Authorization: Bearer $(cat {AdminTokenFile})\" {api}manage/campaigns");
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
