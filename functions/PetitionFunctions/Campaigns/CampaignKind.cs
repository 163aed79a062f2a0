using PetitionFunctions.Common;

namespace PetitionFunctions.Campaigns;

public enum CampaignKind
{
    /// <summary>People sign; counted and delivered to the target.</summary>
    Petition,
    /// <summary>A sign-on letter that organisations and leaders endorse.</summary>
    Letter,
    /// <summary>Story collection.</summary>
    Stories,
}
