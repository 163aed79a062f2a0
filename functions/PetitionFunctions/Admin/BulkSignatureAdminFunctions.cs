using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>A campaign's trends and bulk actions on its signatures (role Petitions.Admin).</summary>
public sealed class BulkSignatureAdminFunctions(AdminAccess access, BulkSignatureAdmin admin)
{
    private const string Campaign = AdminRoutes.Root + "/campaigns/{slug}";

    [Function(nameof(AdminListTrends))]
    public Task<IActionResult> AdminListTrends(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Campaign + "/trends")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        access.AnswerAsync(request, [AdminRoles.Admin], async () => Answer(request, await admin.TrendsAsync(slug, cancellationToken)));

    [Function(nameof(AdminPreviewInvalidation))]
    public Task<IActionResult> AdminPreviewInvalidation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/invalidations/preview")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        WithConditionAsync(request, json => admin.PreviewAsync(slug, json, cancellationToken), cancellationToken);

    [Function(nameof(AdminApplyInvalidation))]
    public Task<IActionResult> AdminApplyInvalidation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/invalidations")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        WithConditionAsync(request, json => admin.InvalidateAsync(slug, json, AdminRequests.ActorOf(request), cancellationToken), cancellationToken);

    [Function(nameof(AdminUndoInvalidation))]
    public Task<IActionResult> AdminUndoInvalidation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Campaign + "/invalidations/{id}")] HttpRequest request,
        string slug,
        string id,
        CancellationToken cancellationToken) =>
        access.AnswerAsync(request, [AdminRoles.Admin], async () => Answer(request, await admin.UndoAsync(slug, id, AdminRequests.ActorOf(request), cancellationToken)));

    [Function(nameof(AdminApplyRelease))]
    public Task<IActionResult> AdminApplyRelease(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/releases")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        WithConditionAsync(request, json => admin.ReleaseAsync(slug, json, AdminRequests.ActorOf(request), cancellationToken), cancellationToken);

    private Task<IActionResult> WithConditionAsync(HttpRequest request, Func<string, Task<BulkOutcome>> act, CancellationToken cancellationToken) =>
        access.AnswerAsync(request, [AdminRoles.Admin], async () =>
        {
            var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
            if (problem is { } unreadable) return Problems.For(unreadable, HttpAnswers.LanguageOf(request));
            return Answer(request, await act(json!));
        });

    private static IActionResult Answer(HttpRequest request, BulkOutcome outcome) => outcome switch
    {
        BulkOutcome.Done done => AdminRequests.NotCached(new OkObjectResult(done.Body)),
        BulkOutcome.Refused { Errors: { IsEmpty: false } errors } refused => Problems.Fields(errors, HttpAnswers.LanguageOf(request), refused.Problem),
        BulkOutcome.Refused refused => Problems.For(refused.Problem, HttpAnswers.LanguageOf(request)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
