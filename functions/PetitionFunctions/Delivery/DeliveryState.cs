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
