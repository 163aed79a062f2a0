using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Admin;

/// <summary>Counting on demand: an admin rolls a campaign's confirmations into its count now, rather than at the timer's next minute.</summary>
public sealed class CountAdminFunctions(CountRollup rollup)
{
    [Function(nameof(AdminRollUpCount))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminRollUpCount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/campaigns/{slug}/rollups")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        await rollup.RollupCampaignAsync(slug, cancellationToken) is { } summary
            ? new OkObjectResult(new { campaign = summary.Campaign, count = summary.Count, counted_until = summary.WatermarkTicks > 0 ? new DateTimeOffset(summary.WatermarkTicks, TimeSpan.Zero) : (DateTimeOffset?)null })
            : Problems.For(ProblemKind.CampaignNotFound, HttpAnswers.LanguageOf(request));
}
