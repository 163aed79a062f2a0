using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// The app on one runtime (the real Functions host, or the stand-in), with a real Azurite, the development
/// token issuer and an outbox folder. Tests reach it only as users and operators do: over HTTP, through
/// storage, and through the emails it writes. <see cref="Service{T}"/> gives storage classes built in the
/// test process from the same settings, never the running app's own objects.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    /// <summary>Functions the tests drive themselves, off as on Azure (AzureWebJobs.{name}.Disabled).</summary>
    protected virtual string[] DisabledFunctions =>
    [
        // Tests roll counts up through the admin API; the timer racing a zero lag window could skip a journal row.
        "RollUpCounts",
        // Poison messages stay where the tests can see them.
        "GiveUpOnConfirmationEmail", "GiveUpOnEndorsementConfirmation", "GiveUpOnStoryEmail", "GiveUpOnDelivery",
        "RelayPendingConfirmations", "RelayPendingEndorsementConfirmations", "RelayPendingStoryEmails",
        "CheckDeliveryRules", "DetectTrends", "SweepRateLimits",
    ];

    private ServiceProvider? _storage;

    /// <summary>Where Azurite keeps its data, so that it can be restarted with it; null keeps it in memory.</summary>
    public string? StorageFolder { get; init; }

    /// <summary>Functions this fixture also switches off.</summary>
    public IReadOnlyList<string> AlsoDisabled { get; init; } = [];

    /// <summary>App settings this fixture sets on top of the usual ones.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>What serves the app, for messages.</summary>
    public abstract string Runtime { get; }

    /// <summary>Why the tests on this fixture are skipped, or null when they run.</summary>
    public virtual string? Unavailable => null;

    public Azurite Azurite { get; private set; } = null!;
    public DevelopmentTokens Tokens { get; private set; } = null!;
    public string OutboxFolder { get; } = Path.Combine(Path.GetTempPath(), "petition-e2e-outbox-" + Guid.NewGuid().ToString("n"));
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = null!;

    public T Service<T>() where T : notnull => _storage!.GetRequiredService<T>();

    protected abstract Task StartAppAsync(IReadOnlyDictionary<string, string?> settings, int port);

    protected abstract Task StopAppAsync();

    /// <summary>Every line the runtime logged, where the fixture can read them.</summary>
    public abstract IReadOnlyCollection<string> Log { get; }

    public async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        Azurite = await Azurite.StartAsync(StorageFolder);
        Tokens = await DevelopmentTokens.StartAsync();
        var port = ChildProcesses.FreePorts(1)[0];
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var settings = LocalSettings.For(Azurite, Tokens, OutboxFolder, BaseAddress);
        foreach (var function in DisabledFunctions.Concat(AlsoDisabled)) settings[$"AzureWebJobs.{function}.Disabled"] = "true";
        settings["Counting:LagWindow"] = "00:00:00";
        settings["Counting:ReadCacheDuration"] = "00:00:00";
        // Most tests sign many times from one address; those that test the limits give their campaign its own.
        settings["Intake:NoDefaultRateLimits"] = "true";
        // A failed message is retried at once, so the poison path takes seconds rather than minutes.
        settings["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00";
        settings["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500";
        foreach (var (name, value) in Overrides) settings[name] = value;
        Settings = settings;
        _storage = new ServiceCollection()
            .AddLogging()
            .AddPetitionFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        await StartAppAsync(settings, port);
        Http = new HttpClient { BaseAddress = new Uri(BaseAddress, "api/") };
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x.y.z address reaches the app on Linux).</summary>
    public HttpClient ClientFrom(IPAddress source) => SourceAddressClient.Create(Http.BaseAddress!, source);

    /// <summary>A client that does not follow redirects, as a test of a form post's 303 needs.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Http.BaseAddress };

    /// <summary>A client whose requests carry a development access token with these app roles.</summary>
    public HttpClient AdminClient(params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Create(roles, TimeSpan.FromMinutes(30)));
        return client;
    }

    /// <summary>A fresh campaign like the demo petition (or the given kind's demo), so each test counts only its own rows and messages.</summary>
    public async Task<Campaign> NewCampaignAsync(CampaignKind kind = CampaignKind.Petition, Func<Campaign, Campaign>? change = null)
    {
        var demo = DemoCampaigns.All.First(c => c.Kind == kind);
        // The configured rate limits, not the demo's own.
        var campaign = demo with { Slug = $"e2e-{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():n}"[..32], OwnerEmail = "owner@example.org", RateLimits = null };
        campaign = change?.Invoke(campaign) ?? campaign;
        await Service<CampaignTable>().SaveAsync(campaign, CancellationToken.None);
        return campaign;
    }

    public async Task DisposeAsync()
    {
        if (Unavailable is not null) return;
        Http.Dispose();
        await StopAppAsync();
        if (_storage is not null) await _storage.DisposeAsync();
        await Tokens.DisposeAsync();
        await Azurite.DisposeAsync();
        foreach (var folder in new[] { OutboxFolder, StorageFolder })
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

/// <summary>The app on the real Azure Functions host: <c>FUNCTIONS_HOST</c>, else <c>func</c> on the PATH.</summary>
public class RealHostFixture : AppFixture
{
    private static readonly string? HostCommand = RealFunctionsHost.Locate();
    private RealFunctionsHost? _host;

    public const string SkipReason = "real host: skipped, no Functions host found (set FUNCTIONS_HOST or install Core Tools' func)";

    /// <summary>Whether tests on the real host can run here; read when tests are discovered.</summary>
    public static bool IsAvailable => HostCommand is not null;

    public override string Runtime => $"the Functions host ({HostCommand})";

    public override string? Unavailable => IsAvailable ? null : SkipReason;

    public override IReadOnlyCollection<string> Log => _host?.Output ?? [];

    protected override async Task StartAppAsync(IReadOnlyDictionary<string, string?> settings, int port) =>
        _host = await RealFunctionsHost.StartAsync(HostCommand!, settings, port);

    protected override async Task StopAppAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

/// <summary>The app on the embedded stand-in (PetitionFunctions.LocalHost), with the same settings.</summary>
public class StandInFixture : AppFixture
{
    private LocalFunctionsHost? _host;
    private readonly CapturedLogs _logs = new();

    public override string Runtime => "the stand-in (PetitionFunctions.LocalHost)";

    public override IReadOnlyCollection<string> Log => _logs.Lines;

    protected override async Task StartAppAsync(IReadOnlyDictionary<string, string?> settings, int port) =>
        _host = await LocalFunctionsHost.StartAsync(["--urls", $"http://127.0.0.1:{port}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.AddProvider(_logs);
        });

    protected override async Task StopAppAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
