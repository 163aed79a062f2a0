using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Stories;

/// <summary>
/// The Stories table. Partition: the campaign's slug (a campaign holds hundreds of stories, not
/// millions). Row kinds, told apart by row key:
/// <list type="bullet">
/// <item>"{id}": a story; the id is 32 random hex digits, named after nothing about the writer (hex sorts before "g");</item>
/// <item>"outbox-{id}": a confirmation email owed to a story whose queue message may not have been sent yet;</item>
/// <item>"retention-closed": when the retention sweep first saw the campaign closed (for campaigns closed by state, not deadline).</item>
/// </list>
/// </summary>
public sealed class StoryTable(TableServiceClient service)
{
    private const string StoriesEnd = "g";
    public const string ClosedMarker = "retention-closed";
    private const int ConcurrencyRetries = 5;
    private readonly TableClient _table = service.GetTableClient(StorageNames.StoriesTable);

    /// <summary>The receipt emails stories are owed, as outbox rows beside them in the campaign's partition.</summary>
    public OutboxRows Outbox { get; } = new(service.GetTableClient(StorageNames.StoriesTable), (campaign, _) => campaign, campaign => [campaign]);

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsStoryId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>The clear columns: what lists and queries need, without decrypting anything.</summary>
    private static readonly string[] MetadataColumns =
    [
        // A projection returns only what it names, keys included.
        "PartitionKey", "RowKey", "Language", "Consent", "MayContact", "HasName", "ContactKind", "ReceivedAt", "Redacted", "RedactedAt", "Published",
        "PublishedAt", "IncludeInDelivery", "WantsEmail", "EmailSent", "EmailFailure", "Flag",
    ];

    /// <summary>
    /// Inserts a story, with its outbox row when it owes an email, in one batch: both or neither.
    /// <paramref name="contactKey"/> is the keyed hash (HMAC) of the writer's email or phone number, when
    /// they gave one, so an erasure can find their stories without decrypting any.
    /// </summary>
    public async Task InsertAsync(string campaign, string id, ValidStory story, IReadOnlyDictionary<string, string> protectedFields,
        string? contactKey, DateTimeOffset receivedAt, string? flag, CancellationToken cancellationToken)
    {
        var row = new TableEntity(campaign, id)
        {
            ["Kind"] = "story",
            ["ContactKey"] = contactKey,
            ["Language"] = story.Language.Code(),
            ["Consent"] = story.Consent.Code(),
            ["MayContact"] = story.MayContact,
            ["HasName"] = story.Name is not null,
            ["ContactKind"] = story.Contact is null ? null : story.ContactIsEmail ? "email" : "phone",
            ["ReceivedAt"] = receivedAt,
            ["Redacted"] = false,
            ["Published"] = false,
            ["IncludeInDelivery"] = false,
            ["WantsEmail"] = story.SendConfirmation,
            ["EmailSent"] = false,
            ["Flag"] = flag,
        };
        foreach (var (field, value) in protectedFields) row[field] = value;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, row) };
        if (story.SendConfirmation) actions.Add(new(TableTransactionActionType.Add, Outbox.Row(new EmailRequest(campaign, id, Kind: EmailKind.Receipt), receivedAt)));
        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public async Task<StoredStory?> FindAsync(string campaign, string id, CancellationToken cancellationToken) =>
        await ReadAsync(campaign, id, cancellationToken) is { } row ? ToStored(row) : null;

    /// <summary>Every story of a campaign, metadata only (no ciphertext is read).</summary>
    public async IAsyncEnumerable<StoredStory> ListAsync(string campaign, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Campaign.IsValidSlug(campaign)) yield break;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaign} and RowKey lt {StoriesEnd}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: MetadataColumns, cancellationToken: cancellationToken))
            yield return ToStored(row);
    }

    /// <summary>
    /// The ids of a campaign's stories whose writer gave a contact with one of these keys (an email's or a
    /// phone number's): one query of the campaign's partition, nothing decrypted.
    /// </summary>
    public async IAsyncEnumerable<string> IdsByContactKeyAsync(string campaign, IReadOnlyList<string> contactKeys,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Campaign.IsValidSlug(campaign) || contactKeys.Count == 0) yield break;
        var anyKey = string.Join(" or ", contactKeys.Select(key => TableClient.CreateQueryFilter($"ContactKey eq {key}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaign} and RowKey lt {StoriesEnd}") + $" and ({anyKey})";
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            yield return row.RowKey;
    }

    /// <summary>The stories an admin approved for publication, with their redacted versions (encrypted) and name.</summary>
    public IAsyncEnumerable<StoredStory> PublishedAsync(string campaign, CancellationToken cancellationToken) =>
        QueryAsync(campaign, "Published", cancellationToken);

    /// <summary>The stories an admin chose to include in the campaign's delivery packet.</summary>
    public IAsyncEnumerable<StoredStory> ForDeliveryAsync(string campaign, CancellationToken cancellationToken) =>
        QueryAsync(campaign, "IncludeInDelivery", cancellationToken);

    private async IAsyncEnumerable<StoredStory> QueryAsync(string campaign, string flag, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Campaign.IsValidSlug(campaign)) yield break;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaign} and RowKey lt {StoriesEnd}") + $" and {flag} eq true";
        // The original text and the contact are not even read: only what a public or delivered story can show.
        string[] columns = [.. MetadataColumns, StoryFields.Name, StoryFields.RedactedEn, StoryFields.RedactedEs];
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
            yield return ToStored(row);
    }

    /// <summary>
    /// Writes an admin's redacted version (encrypted) and withdraws any approval in the same write, so
    /// a text nobody approved is never published or delivered. False if the story is gone.
    /// </summary>
    public Task<bool> RedactAsync(string campaign, string id, string? protectedEn, string? protectedEs, DateTimeOffset now, string actor,
        CancellationToken cancellationToken) =>
        UpdateAsync(campaign, id, row => new TableEntity(row.PartitionKey, row.RowKey)
        {
            // Merge cannot remove a column: a language the admin left out is written as empty, read back as none.
            [StoryFields.RedactedEn] = protectedEn ?? "",
            [StoryFields.RedactedEs] = protectedEs ?? "",
            ["Redacted"] = true,
            ["RedactedAt"] = now,
            ["RedactedBy"] = actor,
            ["Published"] = false,
            ["IncludeInDelivery"] = false,
        }, cancellationToken);

    /// <summary>Sets the approval flags, if <paramref name="allowed"/> says the story (as read, under its ETag) may take them.</summary>
    public Task<bool> ApproveAsync(string campaign, string id, bool publish, bool includeInDelivery, DateTimeOffset now, string actor,
        Func<StoredStory, bool> allowed, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, id, row =>
        {
            var story = ToStored(row);
            if (!allowed(story)) return null;
            return new TableEntity(row.PartitionKey, row.RowKey)
            {
                ["Published"] = publish,
                ["PublishedAt"] = publish && story.Published ? story.PublishedAt ?? now : now,
                ["IncludeInDelivery"] = includeInDelivery,
                ["ApprovedAt"] = now,
                ["ApprovedBy"] = actor,
            };
        }, cancellationToken);

    public Task RecordEmailSentAsync(string campaign, string id, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, id, row => new TableEntity(row.PartitionKey, row.RowKey) { ["EmailSent"] = true }, cancellationToken);

    public Task RecordEmailFailureAsync(string campaign, string id, string failure, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, id, row => new TableEntity(row.PartitionKey, row.RowKey) { ["EmailFailure"] = failure }, cancellationToken);

    /// <summary>Deletes a story and its outbox row for good. False if there was no story.</summary>
    public async Task<bool> DeleteAsync(string campaign, string id, CancellationToken cancellationToken)
    {
        if (!Campaign.IsValidSlug(campaign) || !IsStoryId(id)) return false;
        await Outbox.DeleteAsync(campaign, id, cancellationToken);
        var deleted = await _table.DeleteEntityAsync(campaign, id, ETag.All, cancellationToken);
        return deleted.Status != 404;
    }

    /// <summary>When the retention sweep first saw the campaign closed, recording <paramref name="now"/> if this is the first time.</summary>
    public async Task<DateTimeOffset> ClosedSinceAsync(string campaign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, ClosedMarker, cancellationToken: cancellationToken);
        if (marker.HasValue && marker.Value!.GetDateTimeOffset("ClosedAt") is { } recorded) return recorded;
        try
        {
            await _table.AddEntityAsync(new TableEntity(campaign, ClosedMarker) { ["ClosedAt"] = now }, cancellationToken);
            return now;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            var other = await _table.GetEntityAsync<TableEntity>(campaign, ClosedMarker, cancellationToken: cancellationToken);
            return other.Value.GetDateTimeOffset("ClosedAt") ?? now;
        }
    }

    /// <summary>Forgets the closing time of a campaign that opened again.</summary>
    public Task ClearClosedAsync(string campaign, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(campaign, ClosedMarker, ETag.All, cancellationToken);


    private async Task<TableEntity?> ReadAsync(string campaign, string id, CancellationToken cancellationToken)
    {
        if (!Campaign.IsValidSlug(campaign) || !IsStoryId(id)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Read, change, write with the row's ETag; read again if someone else wrote first. False if the story is gone or the change declined.</summary>
    private async Task<bool> UpdateAsync(string campaign, string id, Func<TableEntity, TableEntity?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(campaign, id, cancellationToken) is not { } row) return false;
            if (change(row) is not { } update) return false;
            try
            {
                await _table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException changed) when (changed.Status is 412 or 404 && attempt < ConcurrencyRetries)
            {
            }
        }
    }

    private static StoredStory ToStored(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        Languages.Parse(row.GetString("Language")) ?? Language.En,
        StoryRules.ParseTier(row.GetString("Consent")) ?? ConsentTier.Internal,
        row.GetBoolean("MayContact") ?? false,
        row.GetBoolean("HasName") ?? false,
        row.GetString("ContactKind"),
        row.GetDateTimeOffset("ReceivedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue,
        row.GetBoolean("Redacted") ?? false,
        row.GetDateTimeOffset("RedactedAt"),
        row.GetBoolean("Published") ?? false,
        row.GetBoolean("Published") == true ? row.GetDateTimeOffset("PublishedAt") : null,
        row.GetBoolean("IncludeInDelivery") ?? false,
        row.GetBoolean("WantsEmail") ?? false,
        row.GetBoolean("EmailSent") ?? false,
        row.GetString("EmailFailure"),
        StoryFields.All
            .Where(field => row.TryGetValue(field, out var value) && value is string { Length: > 0 })
            .ToDictionary(field => field, field => row.GetString(field)!),
        row.GetString("Flag"));
}
