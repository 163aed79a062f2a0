using System.Text;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Endorsements;

public sealed class EndorsementDelivery(EndorsementTable endorsements, PersonalDataCipher cipher) : IDeliveryEndorsers, ILetterEndorsements
{
    public async Task<int> ApprovedCountAsync(Campaign letter, CancellationToken cancellationToken) =>
        (await endorsements.ListAsync(letter.Slug, cancellationToken))
        .Count(e => e.Moderation == ModerationState.Approved && (e.Organization is not null || letter.AllowsIndividualEndorsements));

    public async Task<EndorserPacket?> ForDeliveryAsync(Campaign campaign, DateTimeOffset approvedUpTo, CancellationToken cancellationToken)
    {
        if (campaign.Kind != CampaignKind.Letter) return null;
        var approved = (await endorsements.ListAsync(campaign.Slug, cancellationToken))
            .Where(e => e.ModeratedAt is null || e.ModeratedAt <= approvedUpTo);
        return new EndorserPacket(EndorsementLists.ForDelivery(approved, e => e.Details(cipher)));
    }
}
