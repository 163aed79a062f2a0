using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>A campaign's signatures under /api/manage/campaigns/{slug}/signatures (OSDI, HAL+JSON), role Petitions.Admin.</summary>
public sealed class SignatureAdminFunctions(SignatureAdmin admin)
{
    private const string Signatures = AdminRoutes.Root + "/campaigns/{slug}/signatures";

    [Function(nameof(AdminListSignatures))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminListSignatures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Signatures)] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var (query, errors) = SignatureQuery.Parse(request.Query["page"], request.Query["per_page"], request.Query["state"], request.Query["modified_since"],
            request.Query["filter"]);
        if (query is null) return Problems.Fields(errors, HttpAnswers.LanguageOf(request));
        return Answer(request, await admin.ListAsync(slug, query, AdminRequests.ActorOf(request), cancellationToken));
    }

    [Function(nameof(AdminGetSignature))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminGetSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Signatures + "/{key}")] HttpRequest request,
        string slug,
        string key,
        CancellationToken cancellationToken) =>
        Answer(request, await admin.FindAsync(slug, key, AdminRequests.ActorOf(request), cancellationToken));

    [Function(nameof(AdminInvalidateSignature))]
    [RequiresRole(AdminRoles.Admin)]
    public Task<IActionResult> AdminInvalidateSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Signatures + "/{key}/invalidate")] HttpRequest request,
        string slug,
        string key,
        CancellationToken cancellationToken) =>
        ActAsync(request, actor => admin.InvalidateAsync(slug, key, actor, cancellationToken));

    [Function(nameof(AdminRestoreSignature))]
    [RequiresRole(AdminRoles.Admin)]
    public Task<IActionResult> AdminRestoreSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Signatures + "/{key}/restore")] HttpRequest request,
        string slug,
        string key,
        CancellationToken cancellationToken) =>
        ActAsync(request, actor => admin.RestoreAsync(slug, key, actor, cancellationToken));

    [Function(nameof(AdminReleaseSignature))]
    [RequiresRole(AdminRoles.Admin)]
    public Task<IActionResult> AdminReleaseSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Signatures + "/{key}/release")] HttpRequest request,
        string slug,
        string key,
        CancellationToken cancellationToken) =>
        ActAsync(request, actor => admin.ReleaseAsync(slug, key, actor, cancellationToken));

    [Function(nameof(AdminResendConfirmation))]
    [RequiresRole(AdminRoles.Admin)]
    public Task<IActionResult> AdminResendConfirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Signatures + "/{key}/resend")] HttpRequest request,
        string slug,
        string key,
        CancellationToken cancellationToken) =>
        ActAsync(request, actor => admin.ResendAsync(slug, key, actor, cancellationToken));

    /// <summary>An admin's change to one signature, named by who made it.</summary>
    private static async Task<IActionResult> ActAsync(HttpRequest request, Func<string, Task<SignatureAdminOutcome>> change) =>
        Answer(request, await change(AdminRequests.ActorOf(request)));

    private static IActionResult Answer(HttpRequest request, SignatureAdminOutcome outcome) => outcome switch
    {
        SignatureAdminOutcome.Listed listed => HalJson.Answer(listed.Page),
        SignatureAdminOutcome.One one => HalJson.Answer(one.Signature),
        SignatureAdminOutcome.Refused refused => Problems.For(refused, HttpAnswers.LanguageOf(request)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
