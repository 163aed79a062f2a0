using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>The count and goal alone; with <c>?source=</c>, a partner's own count beside the total.</summary>
public sealed record CampaignCount(int Count, int Goal, string? Source = null, int? SourceCount = null)
{
    public static CampaignCount From(CampaignView view, string? source) =>
        string.IsNullOrWhiteSpace(source)
            ? new CampaignCount(view.Summary.Count, view.Summary.Goal)
            : new CampaignCount(view.Summary.Count, view.Summary.Goal, source.ToLowerInvariant(),
                view.Summary.Breakdowns.Source.GetValueOrDefault(source.ToLowerInvariant()));
}
