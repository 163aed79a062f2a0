using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Admin;
using PetitionFunctions.Campaigns;
using Microsoft.Extensions.Options;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Confirmation.Email;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// Serves the app's functions on one machine in place of the Functions host and Core Tools: HTTP
/// triggers under host.json's route prefix, queue triggers polling their queues, timer triggers on
/// their schedules. With no storage configured it runs its own Azurite, with throwaway keys, and seeds
/// the demo campaigns.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    public const string DefaultUrl = "http://localhost:7071";

    private LocalFunctionsHost(WebApplication app, Azurite? azurite, IReadOnlyList<FunctionEntry> functions, HostSettings settings,
        DevelopmentTokens? tokens)
    {
        App = app;
        Azurite = azurite;
        Functions = functions;
        Settings = settings;
        Tokens = tokens;
    }

    public WebApplication App { get; }
    public Azurite? Azurite { get; }
    public IReadOnlyList<FunctionEntry> Functions { get; }
    public HostSettings Settings { get; }

    /// <summary>The development token issuer, when no Entra ID app registration is configured (AzureAd:ClientId).</summary>
    public DevelopmentTokens? Tokens { get; }

    /// <summary>Where the local host writes a development admin token with every role, for curl and the azd hook.</summary>
    public static string AdminTokenFile => Path.Combine(RepositoryRoot.Find(), ".local", "admin-token");

    public Uri BaseAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <param name="configure">Lets tests add configuration before anything is built.</param>
    /// <param name="adjustSettings">Lets tests shorten host.json's timings.</param>
    /// <param name="replaceServices">Lets tests swap a registered service (an email transport that fails on purpose).</param>
    public static async Task<LocalFunctionsHost> StartAsync(
        string[] args,
        Action<WebApplicationBuilder>? configure = null,
        Func<HostSettings, HostSettings>? adjustSettings = null,
        Action<IServiceCollection>? replaceServices = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])) builder.WebHost.UseUrls(DefaultUrl);
        configure?.Invoke(builder);

        Azurite? azurite = null;
        var seedDemo = builder.Configuration.GetValue("LocalHost:SeedDemoCampaigns", false);
        if (!StorageIsConfigured(builder.Configuration))
        {
            azurite = await Azurite.StartAsync(cancellationToken: cancellationToken);
            builder.Configuration[StorageNames.ConnectionSetting] = azurite.ConnectionString;
            AddThrowawaySecretsIfMissing(builder.Configuration);
            seedDemo = true;
        }

        if (string.IsNullOrEmpty(builder.Configuration[OutboxFolderSetting]))
            builder.Configuration[OutboxFolderSetting] = Path.Combine(RepositoryRoot.Find(), "outbox");

        DevelopmentTokens? tokens = null;
        if (string.IsNullOrEmpty(builder.Configuration[$"{AdminAuthentication.Section}:ClientId"]))
        {
            tokens = new DevelopmentTokens();
            tokens.Configure(builder.Configuration);
        }

        var settings = HostSettings.Read(Path.Combine(AppContext.BaseDirectory, "host.json"));
        settings = adjustSettings?.Invoke(settings) ?? settings;
        var functions = FunctionCatalog.Read(typeof(ServiceRegistration).Assembly)
            .Where(function => !IsDisabled(builder.Configuration, function.Name))
            .ToList();

        builder.Services.AddPetitionFunctions(builder.Configuration);
        builder.Services.AddMvcCore();
        tokens?.Trust(builder.Services);
        replaceServices?.Invoke(builder.Services);
        builder.Services.AddSingleton(settings);
        if (seedDemo) builder.Services.AddHostedService<DemoCampaignSeeder>();
        foreach (var function in functions)
        {
            switch (function.Trigger)
            {
                case QueueBinding:
                    builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<QueueTriggerListener>(services, function));
                    break;
                case TimerBinding:
                    builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(services, function));
                    break;
            }
        }

        var app = builder.Build();
        app.MapHttpTriggers(functions, settings.RoutePrefix);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            if (azurite is not null) await azurite.DisposeAsync();
            throw;
        }
        var host = new LocalFunctionsHost(app, azurite, functions, settings, tokens);
        if (string.IsNullOrEmpty(app.Configuration[PublicLinks.BaseUrlSetting]))
            app.Configuration[PublicLinks.BaseUrlSetting] = host.BaseAddress.AbsoluteUri;
        return host;
    }

    private const string OutboxFolderSetting = $"{EmailOptions.Section}:Outbox:Folder";

    /// <summary>The Functions host's own switch: the app setting "AzureWebJobs.{name}.Disabled" set to true.</summary>
    public static bool IsDisabled(IConfiguration configuration, string functionName) =>
        configuration.GetValue($"AzureWebJobs.{functionName}.Disabled", false)
        || configuration.GetValue($"AzureWebJobs:{functionName}:Disabled", false);

    private static bool StorageIsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[StorageNames.ConnectionSetting])
        || configuration.GetSection(StorageNames.ConnectionSetting).GetChildren().Any();

    /// <summary>
    /// Keys for an in-memory Azurite that dies with the process, so they need not outlive it. Against
    /// storage that persists, the keys must be configured, or the app refuses to start.
    /// </summary>
    private static void AddThrowawaySecretsIfMissing(ConfigurationManager configuration)
    {
        var section = PetitionSecrets.Section;
        foreach (var key in new[] { "DedupeKey", "LinkKey" })
            if (string.IsNullOrEmpty(configuration[$"{section}:{key}"]))
                configuration[$"{section}:{key}"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (string.IsNullOrEmpty(configuration[$"{section}:ActiveEncryptionKeyId"]))
        {
            configuration[$"{section}:ActiveEncryptionKeyId"] = "local";
            configuration[$"{section}:EncryptionKeys:local"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
    }

    /// <summary>Writes a development admin token with every role to <see cref="AdminTokenFile"/>, when this host issues its own.</summary>
    public void WriteAdminTokenFile()
    {
        if (Tokens is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(AdminTokenFile)!);
        File.WriteAllText(AdminTokenFile, Tokens.Create([AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories], TimeSpan.FromHours(12)));
    }

    public void PrintSummary(TextWriter output)
    {
        var api = new Uri(BaseAddress, Settings.RoutePrefix + "/");
        output.WriteLine();
        output.WriteLine($"PetitionFunctions local host is ready at {api}");
        output.WriteLine(Azurite is null
            ? "Storage: as configured (AzureWebJobsStorage)."
            : $"Storage: Azurite in memory, tables on port {Azurite.TablePort}, queues on {Azurite.QueuePort}, blobs on {Azurite.BlobPort}.{Environment.NewLine}"
              + $"  Connection string: {Azurite.ConnectionString}");
        var email = App.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        output.WriteLine(email.Transport == EmailTransportKind.Outbox
            ? $"Email: written as .eml files to {Path.GetFullPath(email.Outbox.Folder)}"
            : $"Email: sent with {email.Transport}");
        output.WriteLine("Functions:");
        foreach (var function in Functions) output.WriteLine($"  {function.Name,-28} {function.Describe(Settings.RoutePrefix)}");
        if (Tokens is not null)
        {
            output.WriteLine($"Admin: a development token with every role (12 hours) is in {AdminTokenFile}:");
            output.WriteLine($"  curl -H \"Authorization: Bearer $(cat {AdminTokenFile})\" {api}admin/campaigns");
        }
        output.WriteLine("Demo campaigns: " + string.Join(", ", DemoCampaigns.All.Select(c => c.Slug)));
        output.WriteLine($"Health: {api}health    Campaigns: {api}campaigns");
        output.WriteLine("Sign the demo petition:");
        output.WriteLine($"  curl -i -H 'Content-Type: application/json' -d '{{\"person\":{{\"given_name\":\"Ana\",\"family_name\":\"Pérez\","
                         + "\"email_addresses\":[{\"address\":\"ana@example.org\"}],\"postal_addresses\":[{\"postal_code\":\"10027\"}]}}' "
                         + $"{api}campaigns/{DemoCampaigns.All[0].Slug}/signatures");
        output.WriteLine("Press Ctrl+C to stop.");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }

    private sealed class DemoCampaignSeeder(CampaignTable campaigns) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => DemoCampaigns.SeedAsync(campaigns, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
