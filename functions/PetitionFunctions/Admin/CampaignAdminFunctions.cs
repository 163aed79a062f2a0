using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>Campaign administration under /api/manage/campaigns (role Petitions.Admin, checked by <see cref="AdminGate"/>).</summary>
public sealed class CampaignAdminFunctions(CampaignAdmin admin)
{
    private const string Campaigns = AdminRoutes.Root + "/campaigns";

    /// <summary>Every campaign. Each of the roles may list them, since deliverers and story moderators choose a campaign too; only admins change them.</summary>
    [Function(nameof(AdminListCampaigns))]
    [RequiresRole(AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories)]
    public async Task<IActionResult> AdminListCampaigns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Campaigns)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var campaigns = await admin.ListAsync(cancellationToken);
        return new OkObjectResult(new { campaigns = campaigns.OrderBy(c => c.Slug, StringComparer.Ordinal).Select(CampaignDocument.From).ToList() });
    }

    [Function(nameof(AdminGetCampaign))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminGetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Campaigns + "/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        await admin.FindAsync(slug, cancellationToken) is { } campaign
            ? new OkObjectResult(CampaignDocument.From(campaign))
            : Problems.For(ProblemKind.CampaignNotFound, HttpAnswers.LanguageOf(request));

    [Function(nameof(AdminCreateCampaign))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminCreateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaigns)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } unreadable) return Problems.For(unreadable, HttpAnswers.LanguageOf(request));
        return Answer(request, await admin.CreateAsync(json!, AdminRequests.ActorOf(request), cancellationToken));
    }

    [Function(nameof(AdminUpdateCampaign))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminUpdateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Campaigns + "/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } unreadable) return Problems.For(unreadable, HttpAnswers.LanguageOf(request));
        return Answer(request, await admin.UpdateAsync(slug, json!, AdminRequests.ActorOf(request), cancellationToken));
    }

    /// <summary>Changes only the settings the body names: a JSON merge patch (RFC 7396) of the campaign document.</summary>
    [Function(nameof(AdminPatchCampaign))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminPatchCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Campaigns + "/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } unreadable) return Problems.For(unreadable, HttpAnswers.LanguageOf(request));
        return Answer(request, await admin.PatchAsync(slug, json!, AdminRequests.ActorOf(request), cancellationToken));
    }

    [Function(nameof(AdminOpenCampaign))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminOpenCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaigns + "/{slug}/open")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        Answer(request, await admin.OpenAsync(slug, AdminRequests.ActorOf(request), cancellationToken));

    [Function(nameof(AdminCloseCampaign))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminCloseCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaigns + "/{slug}/close")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        Answer(request, await admin.CloseAsync(slug, AdminRequests.ActorOf(request), cancellationToken));

    private static IActionResult Answer(HttpRequest request, CampaignAdminOutcome outcome) => outcome switch
    {
        CampaignAdminOutcome.Saved { Created: true } created => new CreatedResult(
            $"{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{created.Campaign.Slug}", CampaignDocument.From(created.Campaign)),
        CampaignAdminOutcome.Saved saved => new OkObjectResult(CampaignDocument.From(saved.Campaign)),
        CampaignAdminOutcome.Refused refused => Problems.For(refused, HttpAnswers.LanguageOf(request)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
