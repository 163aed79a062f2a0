using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Partners;

/// <summary>A campaign's partner keys under /api/manage/campaigns/{slug}/partner-keys, role Petitions.Admin.</summary>
public sealed class PartnerKeyAdminFunctions(PartnerKeys keys)
{
    private const string Keys = AdminRoutes.Root + "/campaigns/{slug}/partner-keys";

    /// <summary>Issues a key: 201 with the key itself, shown this once.</summary>
    [Function(nameof(AdminIssuePartnerKey))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminIssuePartnerKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Keys)] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } bodyProblem) return Problems.For(bodyProblem, language);
        var (wanted, errors) = PartnerKeyRequest.Parse(json!);
        if (wanted is null) return Problems.Fields(errors, language, errors.Has("body") ? ProblemKind.MalformedBody : ProblemKind.InvalidFields);
        return await keys.IssueAsync(slug, wanted, AdminRequests.ActorOf(request), cancellationToken) is { } issued
            ? new ObjectResult(PartnerKeyView.Of(issued.Key, issued.Token)) { StatusCode = StatusCodes.Status201Created }
            : Problems.For(ProblemKind.CampaignNotFound, language);
    }

    [Function(nameof(AdminListPartnerKeys))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminListPartnerKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Keys)] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        new OkObjectResult(new { partner_keys = (await keys.ListAsync(slug, cancellationToken)).OrderBy(key => key.CreatedAt).Select(key => PartnerKeyView.Of(key)) });

    /// <summary>Revokes a key at once: 204, also when it was revoked before; 404 for an unknown id.</summary>
    [Function(nameof(AdminRevokePartnerKey))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminRevokePartnerKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Keys + "/{id}")] HttpRequest request,
        string slug,
        string id,
        CancellationToken cancellationToken) =>
        await keys.RevokeAsync(slug, id, AdminRequests.ActorOf(request), cancellationToken)
            ? new NoContentResult()
            : Problems.For(ProblemKind.PartnerKeyNotFound, HttpAnswers.LanguageOf(request));
}
