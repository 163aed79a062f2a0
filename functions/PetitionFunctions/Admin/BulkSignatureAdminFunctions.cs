using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>A campaign's trends and bulk actions on its signatures (role Petitions.Admin).</summary>
public sealed class BulkSignatureAdminFunctions(BulkSignatureAdmin admin)
{
    private const string Campaign = AdminRoutes.Root + "/campaigns/{slug}";

    [Function(nameof(AdminListTrends))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminListTrends(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Campaign + "/trends")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        Answer(request, await admin.TrendsAsync(slug, cancellationToken));

    [Function(nameof(AdminPreviewInvalidation))]
    [RequiresRole(AdminRoles.Admin)]
    public Task<IActionResult> AdminPreviewInvalidation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/invalidations/preview")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        WithConditionAsync(request, json => admin.PreviewAsync(slug, json, cancellationToken), cancellationToken);

    [Function(nameof(AdminApplyInvalidation))]
    [RequiresRole(AdminRoles.Admin)]
    public Task<IActionResult> AdminApplyInvalidation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/invalidations")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        WithConditionAsync(request, json => admin.InvalidateAsync(slug, json, AdminRequests.ActorOf(request), cancellationToken), cancellationToken);

    [Function(nameof(AdminUndoInvalidation))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminUndoInvalidation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Campaign + "/invalidations/{id}")] HttpRequest request,
        string slug,
        string id,
        CancellationToken cancellationToken) =>
        Answer(request, await admin.UndoAsync(slug, id, AdminRequests.ActorOf(request), cancellationToken));

    [Function(nameof(AdminApplyRelease))]
    [RequiresRole(AdminRoles.Admin)]
    public Task<IActionResult> AdminApplyRelease(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/releases")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        WithConditionAsync(request, json => admin.ReleaseAsync(slug, json, AdminRequests.ActorOf(request), cancellationToken), cancellationToken);

    private static async Task<IActionResult> WithConditionAsync(HttpRequest request, Func<string, Task<BulkOutcome>> act, CancellationToken cancellationToken)
    {
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } unreadable) return Problems.For(unreadable, HttpAnswers.LanguageOf(request));
        return Answer(request, await act(json!));
    }

    private static IActionResult Answer(HttpRequest request, BulkOutcome outcome) => outcome switch
    {
        BulkOutcome.Done done => new OkObjectResult(done.Body),
        BulkOutcome.Refused refused => Problems.For(refused, HttpAnswers.LanguageOf(request)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
