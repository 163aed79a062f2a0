using System.Text;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Email;

namespace PetitionFunctions.Endorsements;

/// <summary>What a delivery asks of the Endorsements stage: a letter's endorsers, or null for other campaigns.</summary>
public interface IDeliveryEndorsers
{
    /// <param name="approvedUpTo">Only endorsements approved at or before this time (the delivery's request time), so every attempt sends the same list.</param>
    Task<EndorserPacket?> ForDeliveryAsync(Campaign campaign, DateTimeOffset approvedUpTo, CancellationToken cancellationToken);
}
