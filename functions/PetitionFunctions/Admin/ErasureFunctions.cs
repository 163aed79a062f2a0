using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>Erasing a person everywhere: POST /api/manage/erasures, role Petitions.Admin.</summary>
public sealed class ErasureFunctions(PersonErasure erasure)
{
    /// <summary><c>{"email": "...", "phone": "..."}</c> (either or both) → 200 with what was erased, counted by kind.</summary>
    [Function(nameof(AdminErasePerson))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminErasePerson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/erasures")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } bodyProblem) return Problems.For(bodyProblem, language);
        return await erasure.EraseAsync(json!, AdminRequests.ActorOf(request), cancellationToken) switch
        {
            ErasureOutcome.Erased erased => new ContentResult
            {
                StatusCode = StatusCodes.Status200OK,
                ContentType = "application/json; charset=utf-8",
                Content = JsonSerializer.Serialize(erased.Summary, ApiJson.Options),
            },
            ErasureOutcome.Refused refused => Problems.For(refused, language),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
    }
}
