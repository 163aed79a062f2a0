using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using Xunit.Abstractions;

namespace PetitionFunctions.Tests.Infra;

/// <summary>
/// The Function App's settings, as the Bicep sets them (read from `bicep snapshot`, which evaluates the
/// modules offline), against the settings the app reads (derived from its options classes by
/// reflection, plus the few keys it reads directly) and the Functions platform reads. Both ways:
/// every setting the app needs to start is set, and every setting the Bicep sets is read by someone.
/// </summary>
public class AppSettingsTests(TypicalDeployment deployment, ITestOutputHelper output) : IClassFixture<TypicalDeployment>
{
    /// <summary>Settings read by the Functions host and platform rather than by the app's code.</summary>
    private static readonly string[] PlatformSettings =
    [
        // Identity-based AzureWebJobsStorage: the host (leases, timers, queue triggers) reads all five;
        // the app's StorageClients reads the table and queue URIs and the client id too.
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>Settings Flex Consumption refuses or that would bring back keys and connection strings.</summary>
    private static readonly string[] ForbiddenSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "WEBSITE_NODE_DEFAULT_VERSION",
        "AzureWebJobsStorage", "APPINSIGHTS_INSTRUMENTATIONKEY", "Email__Acs__AccessKey", "Email__Smtp__Password",
    ];

    /// <summary>What the platform itself sets on every Azure instance (not app settings).</summary>
    private static readonly Dictionary<string, string> PlatformEnvironment = new()
    {
        ["WEBSITE_INSTANCE_ID"] = "0123456789abcdef",
        ["WEBSITE_HOSTNAME"] = "func-api-stand-in.azurewebsites.net",
    };

    private JsonObject BicepSettings() =>
        deployment.Snapshot.Single("Microsoft.Web/sites/config")["properties"]!.AsObject();

    private IReadOnlyList<string> BicepSettingNames() => BicepSettings().Select(setting => setting.Key).ToList();

    // ---- What the app reads, from its code -------------------------------------------------------

    /// <summary>Classes bound to a configuration section: a public constant "Section" and a parameterless constructor.</summary>
    internal static IEnumerable<(string Section, Type Type)> OptionsClasses() =>
        typeof(ServiceRegistration).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.GetConstructor(Type.EmptyTypes) is not null)
            .Select(type => (Field: type.GetField("Section", BindingFlags.Public | BindingFlags.Static), Type: type))
            .Where(found => found.Field is { IsLiteral: true } && found.Field.FieldType == typeof(string))
            .Select(found => ((string)found.Field!.GetRawConstantValue()!, found.Type));

    /// <summary>
    /// Every setting name the app reads, in app-setting form ("Section__Property"); a name ending in
    /// "__*" stands for any key under it (dictionaries, such as Petitions__EncryptionKeys__{id}).
    /// </summary>
    internal static IReadOnlyList<string> SettingsTheAppReads()
    {
        var names = new List<string>();
        foreach (var (section, type) in OptionsClasses()) Collect(type, section, names, depth: 0);
        // The admin API's app registration, bound by Microsoft.Identity.Web from the "AzureAd" section.
        Collect(typeof(MicrosoftIdentityOptions), AdminAuthentication.Section, names, depth: 3);
        // Keys read directly from IConfiguration.
        names.Add(PublicLinks.BaseUrlSetting.Replace(":", "__"));
        names.Add(StorageNames.ConnectionSetting + "__tableServiceUri");
        names.Add(StorageNames.ConnectionSetting + "__queueServiceUri");
        names.Add(StorageNames.ConnectionSetting + "__clientId");
        return names.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private static void Collect(Type type, string prefix, List<string> names, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = prefix + "__" + property.Name;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsLeaf(propertyType))
            {
                if (property.CanWrite) names.Add(name);
            }
            else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
                names.Add(name + "__*");
            else if (depth < 3 && propertyType.IsClass && property.CanRead)
                Collect(propertyType, name, names, depth + 1);
        }
    }

    /// <summary>"AzureWebJobs.{function}.Disabled", which the host reads, for one of the app's functions.</summary>
    private static bool DisablesAFunction(string setting) =>
        System.Text.RegularExpressions.Regex.Match(setting, @"^AzureWebJobs\.(?<function>[A-Za-z0-9]+)\.Disabled$") is { Success: true } match
        && typeof(ServiceRegistration).Assembly.GetTypes().SelectMany(type => type.GetMethods())
            .Any(method => method.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()?.Name == match.Groups["function"].Value);

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset);

    private static bool IsReadBy(IEnumerable<string> readNames, string setting) =>
        readNames.Any(read => read.EndsWith("__*", StringComparison.Ordinal)
            ? setting.StartsWith(read[..^1], StringComparison.OrdinalIgnoreCase) && setting.Length > read.Length - 1
            : string.Equals(read, setting, StringComparison.OrdinalIgnoreCase));

    // ---- Both ways -----------------------------------------------------------------------------------

    [Fact]
    public void Every_setting_the_bicep_sets_is_read_by_the_app_or_the_platform()
    {
        var appReads = SettingsTheAppReads();
        var unread = BicepSettingNames().Where(name => !IsReadBy(appReads, name) && !PlatformSettings.Contains(name) && !DisablesAFunction(name)).ToList();
        Assert.True(unread.Count == 0, "The Bicep sets settings nothing reads: " + string.Join(", ", unread));
    }

    [Fact]
    public void The_bicep_sets_every_platform_setting_and_none_that_flex_consumption_refuses()
    {
        var names = BicepSettingNames();
        Assert.All(PlatformSettings, setting => Assert.Contains(setting, names));
        Assert.All(ForbiddenSettings, setting => Assert.DoesNotContain(names, name => string.Equals(name, setting, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void The_app_starts_with_exactly_the_settings_the_bicep_sets()
    {
        var problem = StartupProblem(StandIns(BicepSettings()));
        Assert.True(problem is null, "With the Bicep's settings the app would refuse to start: " + problem);
    }

    [Fact]
    public void Each_setting_is_either_required_or_optional_with_a_safe_default()
    {
        var settings = StandIns(BicepSettings());
        var required = new List<string>();
        foreach (var name in settings.Keys.Where(name => !PlatformSettings.Contains(name)))
        {
            var without = new Dictionary<string, string>(settings);
            without.Remove(name);
            if (StartupProblem(without) is { } problem)
            {
                required.Add(name);
                output.WriteLine($"required: {name} ({problem.Split('\n')[0]})");
            }
            else output.WriteLine($"set, but the app has a fallback: {name}");
        }
        // The probe is sensitive: the secrets and the app registration are among what it finds required.
        Assert.Contains("Petitions__DedupeKey", required);
        Assert.Contains("Petitions__LinkKey", required);
        Assert.Contains("AzureAd__ClientId", required);
        Assert.Contains("Email__Transport", required);

        // Everything else the app reads is optional: not set by the Bicep, so the code's default applies
        // (Intake__ResendCooldown, Counting__LagWindow, Counting__ReadCacheDuration, Email__Smtp__*,
        // Delivery__*, ...). The app started without them in the test above, which makes them safe.
        var optional = SettingsTheAppReads().Where(read => !BicepSettingNames().Any(set => IsReadBy([read], set))).ToList();
        foreach (var name in optional.Where(name => !name.StartsWith("AzureAd__", StringComparison.Ordinal)))
            output.WriteLine($"optional, code default: {name}");
        Assert.Contains("Intake__ResendCooldown", optional);
        Assert.Contains("Counting__LagWindow", optional);
        Assert.Contains("Counting__ReadCacheDuration", optional);
        Assert.Contains("Email__Smtp__Host", optional);
    }

    [Fact]
    public void Secrets_are_key_vault_references_to_secrets_the_bicep_creates()
    {
        var settings = BicepSettings();
        var secretNames = deployment.Snapshot.OfType("Microsoft.KeyVault/vaults/secrets")
            .Select(secret => ((string)secret["name"]!).Split('/')[1]).ToList();
        Assert.Equal(["petitions-dedupe-key", "petitions-encryption-key-k2", "petitions-link-key"], secretNames.Order(StringComparer.Ordinal));

        foreach (var name in new[] { "Petitions__DedupeKey", "Petitions__LinkKey", "Petitions__EncryptionKeys__k2", "Petitions__EncryptionKeys__k1" })
        {
            var value = (string)settings[name]!;
            Assert.Contains("@Microsoft.KeyVault(SecretUri=", value);
        }
        Assert.Contains("secrets/petitions-dedupe-key'", (string)settings["Petitions__DedupeKey"]!);
        Assert.Contains("secrets/petitions-link-key'", (string)settings["Petitions__LinkKey"]!);
        Assert.Contains("'k2'", (string)settings["Petitions__EncryptionKeys__k2"]!);
        // A retired key is referenced, not written: its secret stays in the vault from earlier deployments.
        Assert.Contains("'k1'", (string)settings["Petitions__EncryptionKeys__k1"]!);
        Assert.Equal("k2", (string)settings["Petitions__ActiveEncryptionKeyId"]!);

        // No secret value is in any app setting.
        foreach (var key in new[] { "dedupeKey", "linkKey", "encryptionKey" })
            Assert.DoesNotContain((string)Snapshot.TypicalParameters()[key], settings.ToJsonString());
    }

    [Fact]
    public void Once_the_keys_are_in_key_vault_a_provision_without_them_keeps_the_vaults_secrets_and_still_points_at_them()
    {
        // bicep snapshot leaves secure parameters unevaluated, so the condition itself is what can be checked.
        var conditions = deployment.Snapshot.OfType("Microsoft.KeyVault/vaults/secrets")
            .ToDictionary(secret => ((string)secret["name"]!).Split('/')[1], secret => (string?)secret["condition"]);
        Assert.Equal("[not(empty(parameters('dedupeKey')))]", conditions["petitions-dedupe-key"]);
        Assert.Equal("[not(empty(parameters('linkKey')))]", conditions["petitions-link-key"]);
        Assert.Equal("[not(empty(parameters('encryptionKey')))]", conditions["petitions-encryption-key-k2"]);
        // The app's references name the secrets, not the (perhaps skipped) resources that write them.
        Assert.DoesNotContain(".secretUri", BicepSettings().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Email_and_entra_id_settings_point_at_the_deployment()
    {
        var settings = BicepSettings();
        Assert.Equal("Acs", (string)settings["Email__Transport"]!);
        Assert.StartsWith("[format('DoNotReply@{0}'", (string)settings["Email__SenderAddress"]!);
        Assert.Contains("mailFromSenderDomain", (string)settings["Email__SenderAddress"]!);
        Assert.Contains("hostName", (string)settings["Email__Acs__Endpoint"]!);
        Assert.Equal(Snapshot.TenantId, (string)settings["AzureAd__TenantId"]!);
        Assert.Equal(Snapshot.ApiAppId, (string)settings["AzureAd__ClientId"]!);
        Assert.Equal(Snapshot.ApiAppId, (string)settings["Console__ClientId"]!);
        Assert.Equal("managedidentity", (string)settings["AzureWebJobsStorage__credential"]!);
        Assert.StartsWith("[format('ClientId={0};Authorization=AAD'", (string)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!);
        Assert.Contains("defaultHostName", (string)settings["Links__PublicBaseUrl"]!);
    }

    // ---- The start-up check ---------------------------------------------------------------------

    /// <summary>
    /// The settings as the app would see them on Azure: literal values as they are, Key Vault references
    /// resolved (a fresh random key each, as the platform would read from the vault), and values only
    /// Azure knows (endpoints, client ids) replaced by plausible stand-ins.
    /// </summary>
    private static Dictionary<string, string> StandIns(JsonObject settings)
    {
        var values = new Dictionary<string, string>();
        foreach (var (name, node) in settings)
        {
            var value = (string)node!;
            values[name] = !value.StartsWith('[') ? value
                : value.Contains("@Microsoft.KeyVault", StringComparison.Ordinal) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
                : name.EndsWith("clientId", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
                : name.Contains("SenderAddress", StringComparison.Ordinal) ? "DoNotReply@00000000-0000-0000-0000-000000000000.azurecomm.net"
                : "https://stand-in.example.net/";
        }
        return values;
    }

    /// <summary>Null when the app would start with these settings; otherwise what it refuses.</summary>
    private static string? StartupProblem(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Concat(PlatformEnvironment)
                .Select(setting => new KeyValuePair<string, string?>(setting.Key.Replace("__", ":"), setting.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPetitionFunctions(configuration);
        try
        {
            using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<IStartupValidator>().Validate();
            // Built on first use rather than validated at start: they throw when their settings are missing.
            provider.GetRequiredService<TableServiceClient>();
            provider.GetRequiredService<QueueServiceClient>();
            provider.GetRequiredService<IEmailTransport>();
            _ = provider.GetRequiredService<PublicLinks>().BaseUrl;
            return null;
        }
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException or AggregateException or UriFormatException or ArgumentException or FormatException)
        {
            return exception.Message;
        }
    }
}
