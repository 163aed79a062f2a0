using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

public enum DeliveryState
{
    /// <summary>Recorded, and its queue message sent (or about to be: the timer re-sends it if it stays queued).</summary>
    Queued,
    /// <summary>The queue function is building and sending the packet.</summary>
    Sending,
    Sent,
    /// <summary>Refused for good by the email provider, or given up after retries. An admin can request the milestone again.</summary>
    Failed,
    /// <summary>Due at the same check as another milestone, and delivered by that one's packet (<see cref="DeliveryRecord.CoveredBy"/>).</summary>
    Covered,
}

/// <summary>The SHA-256 (hex) of one CSV part as attached, with its size, for the office to check what it received.</summary>
public sealed record DeliveredPart(int Number, string Name, int Rows, long Bytes, string Sha256);

/// <summary>One delivery of a campaign, keyed by its milestone id. Holds no personal data.</summary>
public sealed record DeliveryRecord
{
    public required string Campaign { get; init; }
    public required string DeliveryId { get; init; }
    public DeliveryKind Kind { get; init; }
    public DeliveryState State { get; init; }
    public string? Reason { get; init; }

    /// <summary>"timer" or "admin".</summary>
    public string RequestedBy { get; init; } = "timer";

    /// <summary>Also the cut-off: the packet lists signatures confirmed up to this time, on every attempt alike.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When its queue message was last sent; a delivery still queued long after is queued again.</summary>
    public DateTimeOffset QueuedAt { get; init; }

    /// <summary>The summary's count when the delivery was requested.</summary>
    public int CountAtRequest { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public int Attempts { get; init; }
    public int? TotalConfirmed { get; init; }
    public int? NewSinceLast { get; init; }
    public string? PreviousDelivery { get; init; }
    public IReadOnlyList<DeliveredPart> Parts { get; init; } = [];
    public string? Failure { get; init; }
    public string? CoveredBy { get; init; }
}

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
