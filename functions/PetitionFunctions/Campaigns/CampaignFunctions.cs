using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Campaigns;

public sealed class CampaignFunctions(CampaignTable campaigns, TimeProvider time)
{
    [Function(nameof(ListOpenCampaigns))]
    public Task<IActionResult> ListOpenCampaigns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "campaigns")] HttpRequest request,
        CancellationToken cancellationToken) =>
        PublicJson.ReadAsync<IReadOnlyList<Campaign>>(request, async () => await campaigns.ListAsync(cancellationToken), all =>
            PublicJson.For(request, new { campaigns = all.Where(c => c.IsOpenAt(time.GetUtcNow())).OrderBy(c => c.Slug).Select(PublicCampaign.From).ToList() }),
        ProblemKind.CampaignNotFound);
}
