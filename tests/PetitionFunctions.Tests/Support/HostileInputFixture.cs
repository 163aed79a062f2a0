using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using PetitionFunctions.Access;
using PetitionFunctions.Admin;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Endorsements;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Stories;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// The local host on its own Azurite with every queue and timer trigger switched off, so nothing but
/// the request under test can write: a snapshot of all storage before and after a request shows
/// exactly what that request stored. Queue work a test needs is run by hand (<see cref="DrainQueuesAsync"/>).
/// </summary>
public sealed class HostileInputFixture : LocalHostFixture
{
    private static readonly FunctionEntry[] Background = FunctionCatalog.Read(typeof(ServiceRegistration).Assembly)
        .Where(f => f.Trigger is QueueBinding or TimerBinding).ToArray();

    protected override string[] DisabledFunctions => Background.Select(f => f.Name).ToArray();

    private readonly Lazy<Task<HostileTargets>> _targets;

    public HostileInputFixture() => _targets = new(CreateTargetsAsync);

    /// <summary>The campaigns, story, endorsement and signature the hostile requests aim at, made once.</summary>
    public Task<HostileTargets> Targets => _targets.Value;

    /// <summary>A client that never follows redirects (form posts answer 303).</summary>
    public HttpClient Raw { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public Task<StorageSnapshot> SnapshotAsync() =>
        StorageSnapshot.TakeAsync(Service<TableServiceClient>(), Service<QueueServiceClient>());

    /// <summary>Runs the queue functions on every waiting message, as the Functions host would, until the queues are empty.</summary>
    public async Task DrainQueuesAsync()
    {
        var queues = Service<QueueServiceClient>();
        for (var pass = 0; pass < 5; pass++)
        {
            var handled = 0;
            foreach (var function in Background.Where(f => f.Trigger is QueueBinding))
            {
                var queue = queues.GetQueueClient(((QueueBinding)function.Trigger).QueueName);
                foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
                {
                    await FunctionInvoker.InvokeAsync(function, Host.App.Services,
                        p => p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : message.Body.ToString());
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    handled++;
                }
            }
            if (handled == 0) return;
        }
    }

    private async Task<HostileTargets> CreateTargetsAsync()
    {
        var petition = await NewCampaignAsync();
        var closed = await NewCampaignAsync(c => c with { State = CampaignState.Closed });
        var letter = await NewCampaignAsync(c => c with { Kind = CampaignKind.Letter, AllowsIndividualEndorsements = false });
        var stories = await NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        var edited = await NewCampaignAsync();

        var signed = await Http.PostAsync($"campaigns/{petition.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana.target@example.org"));
        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        var endorsed = await Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
            Endorse.Organization("Hostile Input Test Coalition", "https://coalition.example", "lead@coalition.example"));
        Assert.Equal(HttpStatusCode.Accepted, endorsed.StatusCode);
        var told = await Http.PostAsJsonAsync($"campaigns/{stories.Slug}/stories",
            new { story = "A plain test story.", language = "en", consent = "internal" });
        Assert.Equal(HttpStatusCode.Accepted, told.StatusCode);
        await DrainQueuesAsync();

        var tables = Service<TableServiceClient>();
        var signatureRow = (await SignatureRowsAsync(petition.Slug)).Single(r => SignatureAdmin.IsKey(r.RowKey));
        var signature = signatureRow.RowKey;
        var endorsement = await FirstRowKeyAsync(tables.GetTableClient(StorageNames.EndorsementsTable), letter.Slug, EndorsementTable.IsEndorsementKey);
        var story = await FirstRowKeyAsync(tables.GetTableClient(StorageNames.StoriesTable), stories.Slug, StoryTable.IsStoryId);

        var links = Service<LinkTokens>();
        return new HostileTargets(
            petition.Slug, closed.Slug, letter.Slug, stories.Slug, edited.Slug, signature, endorsement, story,
            AdminToken: Host.Tokens!.Create([AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories], TimeSpan.FromHours(1)),
            SignatureConfirmToken: links.Create(LinkTokens.ConfirmPurpose, petition.Slug, signature, LinkTokens.ConfirmLifetime,
                signatureRow.GetDateTimeOffset("ReceivedAt")!.Value.ToUnixTimeMilliseconds()),
            StoryWithdrawToken: links.Create(StoryOutbox.WithdrawPurpose, stories.Slug, story, PetitionFunctions.Confirmation.LinkTokens.WithdrawLifetime),
            Api: new Uri(Host.BaseAddress, "api/"));
    }

    private static async Task<string> FirstRowKeyAsync(TableClient table, string partition, Func<string, bool> wanted)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
            if (wanted(row.RowKey)) return row.RowKey;
        throw new InvalidOperationException($"No row in {table.Name} for {partition}.");
    }
}

/// <summary>What the hostile requests aim at: real, valid targets, so a refusal is about the request, not a missing campaign.</summary>
public sealed record HostileTargets(
    string Petition,
    string ClosedPetition,
    string Letter,
    string Stories,
    string AdminCampaign,
    string SignatureKey,
    string EndorsementKey,
    string StoryId,
    string AdminToken,
    string SignatureConfirmToken,
    string StoryWithdrawToken,
    Uri Api);

[CollectionDefinition(Name)]
public sealed class HostileInputCollection : ICollectionFixture<HostileInputFixture>
{
    public const string Name = "hostile input";
}

/// <summary>
/// Every row (key and ETag, so an update shows too) of every table and the message count of every
/// queue: two snapshots around a request show whether it stored anything.
/// </summary>
public sealed record StorageSnapshot(IReadOnlySet<string> Rows, IReadOnlyDictionary<string, int> Messages)
{
    public static async Task<StorageSnapshot> TakeAsync(TableServiceClient tables, QueueServiceClient queues)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in tables.QueryAsync())
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                rows.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey} {row.ETag}");
        var messages = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var queue in queues.GetQueuesAsync())
            messages[queue.Name] = (await queues.GetQueueClient(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        return new StorageSnapshot(rows, messages);
    }

    /// <summary>What changed since <paramref name="before"/>, one line per row or queue; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangesSince(StorageSnapshot before) =>
        Rows.Except(before.Rows).Select(row => "written: " + row)
            .Concat(before.Rows.Except(Rows).Select(row => "changed or deleted: " + row))
            .Concat(Messages.Where(q => q.Value != before.Messages.GetValueOrDefault(q.Key)).Select(q => $"queue {q.Key}: {before.Messages.GetValueOrDefault(q.Key)} -> {q.Value}"))
            .ToList();
}
