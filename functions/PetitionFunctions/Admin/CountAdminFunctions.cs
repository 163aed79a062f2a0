using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Admin;

/// <summary>
/// Counts for admins: a roll-up on demand (a campaign's confirmations into its count now, rather than at the
/// timer's next run), and the console's dashboard of one campaign.
/// </summary>
public sealed class CountAdminFunctions(CountRollup rollup, CampaignDashboard dashboard)
{
    [Function(nameof(AdminRollUpCount))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminRollUpCount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/campaigns/{slug}/rollups")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        await rollup.RollupCampaignAsync(slug, cancellationToken) is { } summary
            ? new OkObjectResult(new { campaign = summary.Campaign, count = summary.PublicCount, counted_until = summary.AsOf })
            : Problems.For(ProblemKind.CampaignNotFound, HttpAnswers.LanguageOf(request));

    [Function(nameof(AdminCampaignDashboard))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminCampaignDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = AdminRoutes.Root + "/campaigns/{slug}/dashboard")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        await dashboard.ReadAsync(slug, cancellationToken) is { } view
            ? new OkObjectResult(view)
            : Problems.For(ProblemKind.CampaignNotFound, HttpAnswers.LanguageOf(request));
}
