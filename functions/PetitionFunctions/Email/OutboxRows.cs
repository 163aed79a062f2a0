using Azure;
using Azure.Data.Tables;

namespace PetitionFunctions.Email;

/// <summary>
/// The outbox rows of one table: "outbox-{key}" beside the record it belongs to, in the record's own
/// partition, so intake writes record and row in one batch. A row says an email is owed until the
/// email consumer has handled it; the relay queues again what stays too long. The same rows, with the
/// same rules, serve signatures, endorsements and stories.
/// </summary>
/// <param name="partitionOf">The partition of a record, from its campaign and key.</param>
/// <param name="partitionsOf">Every partition a campaign's records can be in.</param>
public sealed class OutboxRows(TableClient table, Func<string, string, string> partitionOf, Func<string, IEnumerable<string>> partitionsOf)
{
    public const string Prefix = "outbox-";
    public const string End = "outbox.";

    /// <summary>How long a row waits for the email consumer to clear it before the relay queues its message again.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    /// <summary>The row to write, in the record's batch, when an email is owed (replacing an older request's row).</summary>
    public TableEntity Row(EmailRequest request, DateTimeOffset createdAt) =>
        new(partitionOf(request.Campaign, request.Key), Prefix + request.Key)
        {
            ["Campaign"] = request.Campaign,
            ["Key"] = request.Key,
            ["Sequence"] = request.Sequence,
            ["Kind"] = request.Kind.ToString(),
            ["CreatedAt"] = createdAt,
            ["DueAt"] = createdAt + Grace,
        };

    /// <summary>
    /// Clears the row once the email it asked for is handled (sent, refused, or no longer due), unless a
    /// newer request has replaced it meanwhile.
    /// </summary>
    public async Task ClearAsync(EmailRequest handled, CancellationToken cancellationToken)
    {
        if (await ReadAsync(handled, cancellationToken) is not { } row || SequenceOf(row) > handled.Sequence) return;
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException changed) when (changed.Status is 404 or 412)
        {
        }
    }

    /// <summary>
    /// How many rounds of queue tries the email has used up before this one, or null when the row is
    /// gone (the email was handled) or a newer request replaced it.
    /// </summary>
    public async Task<int?> FailedRoundsAsync(EmailRequest handled, CancellationToken cancellationToken) =>
        await ReadAsync(handled, cancellationToken) is { } row && SequenceOf(row) == handled.Sequence
            ? row.GetInt32("FailedRounds") ?? 0
            : null;

    /// <summary>Parks the row until the relay should queue its message again, counting the round that failed.</summary>
    public Task ParkAsync(EmailRequest request, int failedRounds, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        MergeAsync(request, new() { ["DueAt"] = dueAt, ["FailedRounds"] = failedRounds }, cancellationToken);

    /// <summary>Holds the row until the relay should queue its message again, without counting a failed round (an inbox had its share for now).</summary>
    public Task HoldAsync(EmailRequest request, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        MergeAsync(request, new() { ["DueAt"] = dueAt }, cancellationToken);

    /// <summary>Puts off the relay's next look at a row it is about to queue again; false when the row is gone (its email was handled meanwhile).</summary>
    public Task<bool> PostponeAsync(OutboxEntry entry, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        MergeAsync(entry.Request, new() { ["DueAt"] = dueAt, ["Relays"] = entry.Relays + 1 }, cancellationToken);

    /// <summary>The rows of a campaign due before a time: one row-key range query per partition, never a scan.</summary>
    public async IAsyncEnumerable<OutboxEntry> DueAsync(
        string campaign, DateTimeOffset dueBefore,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in partitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {Prefix} and RowKey lt {End} and DueAt lt {dueBefore}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                yield return new OutboxEntry(
                    new EmailRequest(campaign, row.RowKey[Prefix.Length..], SequenceOf(row),
                        Enum.TryParse<EmailKind>(row.GetString("Kind"), out var kind) ? kind : EmailKind.Confirm),
                    row.GetInt32("Relays") ?? 0);
        }
    }

    /// <summary>Deletes a record's row whatever it asks for: the record is being erased or withdrawn.</summary>
    public Task DeleteAsync(string campaign, string key, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(partitionOf(campaign, key), Prefix + key, ETag.All, cancellationToken);

    private async Task<TableEntity?> ReadAsync(EmailRequest request, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionOf(request.Campaign, request.Key), Prefix + request.Key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task<bool> MergeAsync(EmailRequest request, Dictionary<string, object> changes, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(new TableEntity(changes) { PartitionKey = partitionOf(request.Campaign, request.Key), RowKey = Prefix + request.Key },
                ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            return false;
        }
    }

    private static int SequenceOf(TableEntity row) => row.GetInt32("Sequence") ?? 1;
}
