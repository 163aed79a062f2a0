using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

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
