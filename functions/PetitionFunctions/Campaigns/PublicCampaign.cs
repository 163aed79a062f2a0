using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Campaigns;

/// <summary>What anyone may see of a campaign: no delivery address, origins or return URLs.</summary>
public sealed record PublicCampaign(
    string Slug,
    CampaignKind Kind,
    LocalizedText Title,
    LocalizedText Description,
    LocalizedText CallToAction,
    PublicTarget Target,
    int Goal,
    CampaignState State,
    DateTimeOffset? Deadline)
{
    public static PublicCampaign From(Campaign c) =>
        new(c.Slug, c.Kind, c.Title, c.Description, c.CallToAction, new PublicTarget(c.Target.Name, c.Target.Title),
            c.Goal, c.State, c.Deadline);
}
