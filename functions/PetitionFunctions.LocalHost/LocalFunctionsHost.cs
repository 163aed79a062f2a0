using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

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
            var dataFolder = builder.Configuration[DataFolderSetting];
            azurite = await Azurite.StartAsync(dataFolder is null ? null : Path.Combine(dataFolder, "azurite"), cancellationToken);
            builder.Configuration[StorageNames.ConnectionSetting] = azurite.ConnectionString;
            foreach (var (name, value) in dataFolder is null ? LocalSettings.ThrowawaySecrets() : LocalSettings.KeptSecrets(dataFolder))
                if (string.IsNullOrEmpty(builder.Configuration[name])) builder.Configuration[name] = value;
            seedDemo = true;
        }

        if (string.IsNullOrEmpty(builder.Configuration[OutboxFolderSetting]))
            builder.Configuration[OutboxFolderSetting] = LocalSettings.OutboxFolder;

        DevelopmentTokens? tokens = null;
        if (string.IsNullOrEmpty(builder.Configuration[$"{AdminAuthentication.Section}:ClientId"]))
        {
            tokens = await DevelopmentTokens.StartAsync(builder.Configuration[DataFolderSetting], cancellationToken);
            builder.Configuration.AddInMemoryCollection(tokens.Settings!);
        }

        var settings = HostSettings.Read(Path.Combine(AppContext.BaseDirectory, "host.json"), builder.Configuration);
        settings = adjustSettings?.Invoke(settings) ?? settings;
        var functions = FunctionCatalog.Read(typeof(ServiceRegistration).Assembly)
            .Where(function => !IsDisabled(builder.Configuration, function.Name))
            .ToList();

        builder.Services.AddPetitionFunctions(builder.Configuration);
        builder.Services.AddMvcCore();
        replaceServices?.Invoke(builder.Services);
        builder.Services.AddSingleton(settings);
        if (seedDemo) builder.Services.AddHostedService<DemoCampaignSeeder>();
        foreach (var function in functions)
        {
            switch (function.Trigger)
            {
                case QueueBinding:
                    builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<QueueTriggerListener>(services, function,
                        StorageClients.Queues(builder.Configuration, Azure.Storage.Queues.QueueMessageEncoding.None)));
                    break;
                case TimerBinding:
                    builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(services, function));
                    break;
            }
        }

        var app = builder.Build();
        app.UseForwardedHeadersAsTheFunctionsHostDoes();
        app.MapHttpTriggers(functions, settings.RoutePrefix);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            if (azurite is not null) await azurite.DisposeAsync();
            if (tokens is not null) await tokens.DisposeAsync();
            throw;
        }
        var host = new LocalFunctionsHost(app, azurite, functions, settings, tokens);
        if (string.IsNullOrEmpty(app.Configuration[PublicLinks.BaseUrlSetting]))
            app.Configuration[PublicLinks.BaseUrlSetting] = host.BaseAddress.AbsoluteUri;
        return host;
    }

    private const string OutboxFolderSetting = $"{EmailOptions.Section}:Outbox:Folder";

    /// <summary>Where the Azurite this host starts keeps its data and the app's keys (<see cref="LocalSettings.DataFolderFor"/>); unset: in memory, throwaway keys.</summary>
    public const string DataFolderSetting = "LocalHost:DataFolder";

    /// <summary>The Functions host's own switch: the app setting "AzureWebJobs.{name}.Disabled" set to true.</summary>
    public static bool IsDisabled(IConfiguration configuration, string functionName) =>
        configuration.GetValue($"AzureWebJobs.{functionName}.Disabled", false)
        || configuration.GetValue($"AzureWebJobs:{functionName}:Disabled", false);

    private static bool StorageIsConfigured(ConfigurationManager configuration) =>
        !string.IsNullOrWhiteSpace(configuration[StorageNames.ConnectionSetting])
        || configuration.GetSection(StorageNames.ConnectionSetting).GetChildren().Any();

    /// <summary>Writes a development admin token with every role to <see cref="LocalSettings.AdminTokenFileFor"/>, when this host issues its own.</summary>
    public void WriteAdminTokenFile()
    {
        if (Tokens is not null) LocalSettings.WriteAdminTokenFile(Tokens, BaseAddress.Port);
    }

    public void PrintSummary(TextWriter output)
    {
        var email = App.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        LocalSettings.PrintSummary(output, new Uri(BaseAddress, Settings.RoutePrefix + "/"),
            "the embedded stand-in (PetitionFunctions.LocalHost); set FUNCTIONS_HOST or install Core Tools to run on the real Functions host",
            Azurite, email.Transport == EmailTransportKind.Outbox ? email.Outbox.Folder : null, Tokens is not null);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
        if (Tokens is not null) await Tokens.DisposeAsync();
    }

    private sealed class DemoCampaignSeeder(CampaignTable campaigns) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => DemoCampaigns.SeedAsync(campaigns, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
