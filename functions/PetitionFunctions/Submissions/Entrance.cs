using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>Which campaigns a stage takes submissions for, and what it answers the others.</summary>
public sealed record Entrance(string What, IReadOnlyList<CampaignKind> Kinds, ProblemKind WrongKind, ProblemKind Closed)
{
    public static readonly Entrance Signatures = new("signature", [CampaignKind.Petition], ProblemKind.NotAPetition, ProblemKind.CampaignClosed);
    public static readonly Entrance Endorsements = new("endorsement", [CampaignKind.Letter], ProblemKind.NotALetter, ProblemKind.CampaignClosed);
    public static readonly Entrance Stories = new("story", [CampaignKind.Stories], ProblemKind.NotAStoryCampaign, ProblemKind.StoriesClosed);
}
