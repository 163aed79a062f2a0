using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>
/// The public reads partners' pages poll: from the summary and memory, never from the signatures.
/// A draft campaign is not public yet: it reads as unknown.
/// </summary>
public sealed class PublicCampaignFunctions(CampaignReads reads)
{
    [Function(nameof(GetCampaign))]
    public Task<IActionResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "campaigns/{slug}")] HttpRequest request, string slug) =>
        ReadAsync(request, slug, view => PublicJson.For(request, CampaignDetail.From(view, HttpAnswers.LanguageOf(request)), variesByLanguage: true));

    [Function(nameof(GetCampaignCount))]
    public Task<IActionResult> GetCampaignCount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "campaigns/{slug}/count")] HttpRequest request, string slug) =>
        ReadAsync(request, slug, view => PublicJson.For(request, CampaignCount.From(view, request.Query["source"])));

    /// <summary>The answer for a public campaign, 404 for an unknown or draft one, 503 when storage is down and nothing is cached.</summary>
    private Task<IActionResult> ReadAsync(HttpRequest request, string slug, Func<CampaignView, IActionResult> answer) =>
        PublicJson.ReadAsync(request,
            async () => await reads.FindAsync(slug) is { Campaign.State: not CampaignState.Draft } view ? view : null,
            answer, ProblemKind.CampaignNotFound);
}
