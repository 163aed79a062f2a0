using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>
/// The RateLimits table: partition "{campaign}:{address hash}", one row per signature taken in a window,
/// keyed "{window seconds}-{window start}-{slot}". A window holds at most Count slots, so inserting the
/// first free slot is the whole check; storage conflicts make it exact across instances. ExpiresAt
/// (the window's end) lets the sweep remove rows no rule reads any more.
/// </summary>
public sealed class RateLimitTable(TableServiceClient service)
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.RateLimitsTable);

    /// <summary>Takes a slot; false if someone already holds it.</summary>
    public async Task<bool> TryTakeAsync(string partition, string row, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, row) { ["ExpiresAt"] = expiresAt }, cancellationToken);
            return true;
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Takes several slots of one partition at once, in one batch: all of them, or none if any is held
    /// already (the caller then takes them one by one). The usual signature's whole check is this request.
    /// </summary>
    public async Task<bool> TryTakeAllAsync(string partition, IReadOnlyList<(string Row, DateTimeOffset ExpiresAt)> slots, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(
                slots.Select(slot => new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(partition, slot.Row) { ["ExpiresAt"] = slot.ExpiresAt })),
                cancellationToken);
            return true;
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Deletes the rows of windows that ended before a time: a scan of a table that only holds the last few minutes.</summary>
    public async Task<int> SweepAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {before}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException gone) when (gone.Status == 404)
            {
            }
        }
        return deleted;
    }
}
