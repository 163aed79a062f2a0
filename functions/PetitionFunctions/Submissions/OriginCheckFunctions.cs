using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Submissions;

/// <summary>
/// Whether the page asking (its Origin header) may post to a campaign: the embed asks before it shows a
/// form, so a partner whose site is not on the campaign's list learns it at once, with the exact origin
/// to ask for, rather than from a signer's failed post. It answers for the asking page alone and lists
/// nothing, so any site may ask.
/// </summary>
public sealed class OriginCheckFunctions(CampaignReads campaigns)
{
    [Function(nameof(CheckOrigin))]
    public async Task<IActionResult> CheckOrigin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "campaigns/{slug}/origin")] HttpRequest request, string slug)
    {
        CampaignView? view;
        try
        {
            view = await campaigns.FindAsync(slug);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            return Problems.For(ProblemKind.StorageUnavailable, HttpAnswers.LanguageOf(request));
        }
        if (view is not { Campaign: { State: not CampaignState.Draft } campaign })
            return Problems.For(ProblemKind.CampaignNotFound, HttpAnswers.LanguageOf(request));
        var origin = Requesters.OriginOf(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.Vary = "Origin";
        request.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
        return new OkObjectResult(new OriginCheck(origin, origin is not null && campaign.AllowsOrigin(origin)));
    }

    public sealed record OriginCheck(string? Origin, bool Allowed);
}
