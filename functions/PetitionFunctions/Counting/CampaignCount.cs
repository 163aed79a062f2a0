using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>
/// The count and goal alone; with <c>?source=</c>, a partner's own count beside the total. <see cref="AsOf"/>
/// says which confirmations it holds: every one made before that time, none after (a confirmation shows
/// within a minute; docs/api.md says why). A partner's own count follows a minute or two later.
/// </summary>
public sealed record CampaignCount(int Count, int Goal, DateTimeOffset? AsOf, string? Source = null, int? SourceCount = null)
{
    /// <summary>A partner asks with the code it sends (<c>email/2026-05 blast:es</c>) and gets the count of the code it is stored under.</summary>
    public static CampaignCount From(CampaignView view, string? source) =>
        SourceCodes.Normalize(source) is not { } code
            ? new CampaignCount(view.Summary.PublicCount, view.Summary.Goal, view.Summary.AsOf)
            : new CampaignCount(view.Summary.PublicCount, view.Summary.Goal, view.Summary.AsOf, code, view.Summary.Breakdowns.Source.GetValueOrDefault(code));
}
