using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// A real Azurite and the local host serving the app over real HTTP on a free port. Triggers named in
/// <see cref="DisabledFunctions"/> are switched off with the Functions host's own setting.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    /// <summary>
    /// Tests roll counts up themselves. The timer's roll-up stays off: with no lag window (below), a run
    /// racing a confirmation could move the watermark past a journal row still being written.
    /// </summary>
    protected virtual string[] DisabledFunctions => ["SendConfirmationEmail", "GiveUpOnConfirmationEmail", "RelayPendingConfirmations", "RollUpCounts"];

    protected virtual HostSettings Adjust(HostSettings settings) => settings;

    /// <summary>
    /// Most tests post many signatures from 127.0.0.1, so the fixture lifts the per-address rate limits far
    /// out of reach; a fixture that tests the limits themselves turns this off to get the defaults.
    /// </summary>
    protected virtual bool GenerousRateLimits => true;

    /// <summary>
    /// Likewise, most tests send many emails to few addresses, so the per-inbox limits are lifted; a fixture
    /// that tests them turns this off.
    /// </summary>
    protected virtual bool GenerousMailboxLimits => true;

    protected virtual void Configure(WebApplicationBuilder builder) { }

    protected virtual void ReplaceServices(IServiceCollection services) { }

    protected virtual Task<Azurite> StartAzuriteAsync() => Azurite.StartAsync();

    /// <summary>Where the outbox transport writes this fixture's emails.</summary>
    public string OutboxFolder { get; } = Path.Combine(Path.GetTempPath(), "petition-outbox-" + Guid.NewGuid().ToString("n"));

    public Azurite Azurite { get; private set; } = null!;
    public LocalFunctionsHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();
    public TableClient Signatures { get; private set; } = null!;
    public QueueClient Confirmations { get; private set; } = null!;
    public QueueClient ConfirmationsPoison { get; private set; } = null!;

    public T Service<T>() where T : notnull => Host.App.Services.GetRequiredService<T>();

    /// <summary>A client whose requests carry a development access token with these app roles.</summary>
    public HttpClient AdminClient(params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Host.Tokens!.Create(roles, TimeSpan.FromMinutes(30)));
        return client;
    }

    public async Task InitializeAsync()
    {
        Azurite = await StartAzuriteAsync();
        Host = await LocalFunctionsHost.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Configuration[StorageNames.ConnectionSetting] = Azurite.ConnectionString;
                builder.Configuration["Petitions:DedupeKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                builder.Configuration["Petitions:LinkKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                builder.Configuration["Petitions:ActiveEncryptionKeyId"] = "test";
                builder.Configuration["Petitions:EncryptionKeys:test"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                builder.Configuration["LocalHost:SeedDemoCampaigns"] = "true";
                foreach (var function in DisabledFunctions) builder.Configuration[$"AzureWebJobs.{function}.Disabled"] = "true";
                builder.Configuration["Email:Outbox:Folder"] = OutboxFolder;
                builder.Configuration["Counting:LagWindow"] = "00:00:00";
                builder.Configuration["Counting:ReadCacheDuration"] = "00:00:00";
                if (GenerousRateLimits) builder.Configuration["Intake:NoDefaultRateLimits"] = "true";
                if (GenerousMailboxLimits)
                {
                    builder.Configuration["Email:MailboxPerTenMinutes"] = "1000000";
                    builder.Configuration["Email:MailboxPerDay"] = "1000000";
                }
                builder.Logging.AddProvider(Logs);
                Configure(builder);
            },
            Adjust,
            ReplaceServices);
        Http = new HttpClient { BaseAddress = new Uri(Host.BaseAddress, "api/") };
        Signatures = Service<TableServiceClient>().GetTableClient(StorageNames.SignaturesTable);
        Confirmations = Service<QueueServiceClient>().GetQueueClient(StorageNames.ConfirmationsQueue);
        ConfirmationsPoison = Service<QueueServiceClient>().GetQueueClient(StorageNames.PoisonQueue(StorageNames.ConfirmationsQueue));
    }

    /// <summary>A fresh open petition, so each test counts only its own rows and messages.</summary>
    public async Task<Campaign> NewCampaignAsync(Func<Campaign, Campaign>? change = null)
    {
        // The configured rate limits, not the demo's generous ones: the abuse tests hold the real defaults.
        var campaign = DemoCampaigns.All[0] with { Slug = "test-" + Guid.NewGuid().ToString("n")[..12], RateLimits = null };
        campaign = change?.Invoke(campaign) ?? campaign;
        await Service<CampaignTable>().SaveAsync(campaign, CancellationToken.None);
        return campaign;
    }

    /// <summary>Confirms every signature of a campaign, as clicking each email's link would.</summary>
    public async Task ConfirmAllAsync(string slug)
    {
        foreach (var row in (await SignatureRowsAsync(slug)).Where(r => !r.RowKey.Contains('-')))
            await Service<PetitionFunctions.Signatures.SignatureTable>().ConfirmAsync(slug, row.RowKey, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public async Task<List<TableEntity>> SignatureRowsAsync(string slug)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Signatures.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {slug + ":"} and PartitionKey lt {slug + ";"}")))
            rows.Add(row);
        return rows;
    }

    /// <summary>
    /// A campaign's journal rows, wherever they are now: in the Signatures table until a roll-up counts
    /// them, in the archive after (the local host's roll-up timer can move them at any minute).
    /// </summary>
    public async Task<List<TableEntity>> JournalRowsAsync(string slug)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {slug + ":"} and PartitionKey lt {slug + ";"} and RowKey ge {PetitionFunctions.Signatures.SignatureTable.JournalPrefix} and RowKey lt {"journal."}");
        var rows = new List<TableEntity>();
        foreach (var table in new[] { StorageNames.SignaturesTable, StorageNames.JournalArchiveTable })
            await foreach (var row in Service<TableServiceClient>().GetTableClient(table).QueryAsync<TableEntity>(filter))
                rows.Add(row);
        return rows;
    }

    /// <summary>Runs the confirmation email job on every message queued now, as the queue trigger would, taking each off the queue.</summary>
    public async Task SendQueuedEmailsAsync()
    {
        var outbox = Service<PetitionFunctions.Email.EmailOutbox<PetitionFunctions.Confirmation.SignatureOutbox>>();
        while ((await Confirmations.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
            foreach (var message in messages)
            {
                await outbox.SendAsync(message.Body.ToString(), CancellationToken.None);
                await Confirmations.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
    }

    /// <summary>The confirmation messages naming a campaign, read without taking them off the queue.</summary>
    public async Task<List<string>> MessagesForAsync(string slug)
    {
        var messages = await Confirmations.PeekMessagesAsync(32);
        return messages.Value.Select(m => m.Body.ToString()).Where(body => body.Contains($"\"{slug}\"", StringComparison.Ordinal)).ToList();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        if (Directory.Exists(OutboxFolder)) Directory.Delete(OutboxFolder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host with Azurite";
}
