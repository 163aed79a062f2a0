using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Health;

public sealed class HealthFunctions(TableServiceClient tables)
{
    /// <summary>200 when the campaigns table answers, 503 when storage does not.</summary>
    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in tables.GetTableClient(StorageNames.CampaignsTable)
                               .QueryAsync<TableEntity>(maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
                break;
            return new OkObjectResult(new { status = "ok" });
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e) || e is Azure.RequestFailedException)
        {
            return Problems.For(ProblemKind.StorageUnavailable, HttpAnswers.LanguageOf(request));
        }
    }
}
