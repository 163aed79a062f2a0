using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Intake;

/// <summary>A signature as stored: the person's details only in encrypted form; region, postal prefix, language and source in clear for counting.</summary>
public sealed record SignatureRecord(
    string Campaign,
    string Key,
    Language Language,
    string? Source,
    string? Region,
    string PostalPrefix,
    DateTimeOffset ReceivedAt,
    string ProtectedPersonalData);

/// <summary>A signature whose confirmation message may not have reached the queue yet.</summary>
public sealed record PendingConfirmation(string Campaign, string SignatureKey);

/// <summary>
/// The Signatures table. Partition "{campaign}:{first hex digit of the key}" (16 per campaign), row key
/// the person's dedupe key. Beside each new signature, in the same partition and the same atomic batch,
/// sits an outbox row ("outbox-{key}") that stays until its confirmation message is on the queue.
/// </summary>
public sealed class SignatureTable(TableServiceClient service)
{
    public const string StateUnconfirmed = "unconfirmed";
    private const string OutboxPrefix = "outbox-";
    private const string OutboxEnd = "outbox.";
    private readonly TableClient _table = service.GetTableClient(StorageNames.SignaturesTable);

    /// <summary>
    /// Inserts the signature and its outbox row together, or neither. False when the person already
    /// signed: the storage conflict is the dedupe, so concurrent identical posts leave one row. A
    /// conflict after the SDK retried a write that had in fact committed is the same answer, and right.
    /// </summary>
    public async Task<bool> InsertIfAbsentAsync(SignatureRecord signature, CancellationToken cancellationToken)
    {
        var partition = DedupeKeys.PartitionOf(signature.Campaign, signature.Key);
        var row = new TableEntity(partition, signature.Key)
        {
            ["State"] = StateUnconfirmed,
            ["Language"] = signature.Language.Code(),
            ["Source"] = signature.Source,
            ["Region"] = signature.Region,
            ["PostalPrefix"] = signature.PostalPrefix,
            ["ReceivedAt"] = signature.ReceivedAt,
            ["Personal"] = signature.ProtectedPersonalData,
        };
        var outbox = new TableEntity(partition, OutboxPrefix + signature.Key)
        {
            ["Campaign"] = signature.Campaign,
            ["SignatureKey"] = signature.Key,
            ["CreatedAt"] = signature.ReceivedAt,
        };
        try
        {
            await _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, row), new TableTransactionAction(TableTransactionActionType.Add, outbox)],
                cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    public async Task<TableEntity?> FindAsync(string campaign, string key, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(DedupeKeys.PartitionOf(campaign, key), key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task ClearOutboxAsync(PendingConfirmation pending, CancellationToken cancellationToken)
    {
        var partition = DedupeKeys.PartitionOf(pending.Campaign, pending.SignatureKey);
        await _table.DeleteEntityAsync(partition, OutboxPrefix + pending.SignatureKey, ETag.All, cancellationToken);
    }

    /// <summary>Outbox rows of a campaign written before a time: one range query per partition, never a scan.</summary>
    public async IAsyncEnumerable<PendingConfirmation> PendingAsync(
        string campaign, DateTimeOffset writtenBefore,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {OutboxPrefix} and RowKey lt {OutboxEnd} and CreatedAt lt {writtenBefore}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                yield return new PendingConfirmation(row.GetString("Campaign"), row.GetString("SignatureKey"));
        }
    }
}
