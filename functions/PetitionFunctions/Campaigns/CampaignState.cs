using PetitionFunctions.Common;

namespace PetitionFunctions.Campaigns;

public enum CampaignState
{
    Draft,
    Open,
    Closed,
}
