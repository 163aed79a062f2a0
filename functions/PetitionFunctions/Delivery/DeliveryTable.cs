using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>A delivery with the version it was read at.</summary>
public sealed record VersionedDelivery(DeliveryRecord Delivery, ETag Version);

/// <summary>
/// The Deliveries table: partition = campaign slug, row key = milestone id. A row is written
/// insert-if-absent before anything is queued, so the first writer owns the milestone.
/// </summary>
public sealed class DeliveryTable(TableServiceClient service)
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.DeliveriesTable);

    /// <summary>False when the milestone already has a delivery (sent, in flight, or covered).</summary>
    public async Task<bool> TryAddAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToRow(delivery), cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    public async Task<VersionedDelivery?> FindAsync(string campaign, string deliveryId, CancellationToken cancellationToken)
    {
        if (!DeliveryRules.IsMilestoneId(deliveryId)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, deliveryId, cancellationToken: cancellationToken);
        return row.HasValue ? new VersionedDelivery(FromRow(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Every delivery of a campaign (one partition: a few rows a week at most), newest request first.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(string campaign, CancellationToken cancellationToken)
    {
        var deliveries = new List<DeliveryRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaign}"), cancellationToken: cancellationToken))
            deliveries.Add(FromRow(row));
        return deliveries.OrderByDescending(d => d.RequestedAt).ThenByDescending(d => d.DeliveryId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes the delivery if the row is still at the version read; false if someone else changed it first.</summary>
    public async Task<bool> TryReplaceAsync(DeliveryRecord delivery, ETag version, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToRow(delivery), version, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException lost) when (lost.Status is 412 or 404)
        {
            return false;
        }
    }

    public Task ReplaceAsync(DeliveryRecord delivery, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(ToRow(delivery), ETag.All, TableUpdateMode.Replace, cancellationToken);

    private static TableEntity ToRow(DeliveryRecord delivery) => new(delivery.Campaign, delivery.DeliveryId)
    {
        ["State"] = delivery.State.ToString(),
        ["Kind"] = delivery.Kind.ToString(),
        ["RequestedAt"] = delivery.RequestedAt,
        ["SentAt"] = delivery.SentAt,
        ["Document"] = JsonSerializer.Serialize(delivery, ApiJson.Options),
    };

    private static DeliveryRecord FromRow(TableEntity row) =>
        JsonSerializer.Deserialize<DeliveryRecord>(row.GetString("Document"), ApiJson.Options)
        ?? throw new InvalidDataException($"Delivery row {row.RowKey} has no document.");
}
