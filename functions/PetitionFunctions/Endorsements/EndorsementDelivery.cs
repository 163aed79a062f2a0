using System.Text;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

public sealed class EndorsementDelivery(EndorsementTable endorsements, PersonalDataCipher cipher) : IDeliveryEndorsers
{
    public async Task<EndorserPacket?> ForDeliveryAsync(Campaign campaign, DateTimeOffset approvedUpTo, CancellationToken cancellationToken)
    {
        if (campaign.Kind != CampaignKind.Letter) return null;
        var approved = (await endorsements.ListAsync(campaign.Slug, cancellationToken))
            .Where(e => e.ModeratedAt is null || e.ModeratedAt <= approvedUpTo);
        return new EndorserPacket(EndorsementLists.ForDelivery(approved, e => e.Details(cipher)));
    }
}
