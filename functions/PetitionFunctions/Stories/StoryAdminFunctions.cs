using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>
/// The stories admin API, for the separate role Petitions.Stories (Petitions.Admin alone cannot read
/// stories). Every answer is no-store (<see cref="AdminGate"/>).
/// </summary>
public sealed class StoryAdminFunctions(StoryModeration moderation)
{
    private const string Stories = AdminRoutes.Root + "/campaigns/{slug}/stories";

    /// <summary>A page of 50 stories, newest first: metadata, and with <c>?decrypt=true</c> the decrypted texts too.</summary>
    [Function(nameof(ListStories))]
    [RequiresRole(AdminRoles.Stories)]
    public async Task<IActionResult> ListStories(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Stories)] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var page = 1;
        if (request.Query["page"] is { Count: > 0 } text && (!int.TryParse(text, out page) || page < 1))
            return Problems.Fields(One("page", AdminMessages.InvalidPage), HttpAnswers.LanguageOf(request));
        var decrypt = string.Equals(request.Query["decrypt"], "true", StringComparison.OrdinalIgnoreCase);
        return Answer(request, await moderation.ListAsync(slug, page, decrypt, AdminRequests.ActorOf(request), cancellationToken));
    }

    [Function(nameof(GetStory))]
    [RequiresRole(AdminRoles.Stories)]
    public async Task<IActionResult> GetStory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Stories + "/{id}")] HttpRequest request, string slug, string id,
        CancellationToken cancellationToken) =>
        Answer(request, await moderation.ReadAsync(slug, id, AdminRequests.ActorOf(request), cancellationToken));

    /// <summary>Writes the redacted version: <c>{"en": "...", "es": "..."}</c>, either or both. Withdraws any approval.</summary>
    [Function(nameof(RedactStory))]
    [RequiresRole(AdminRoles.Stories)]
    public async Task<IActionResult> RedactStory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Stories + "/{id}/redaction")] HttpRequest request, string slug, string id,
        CancellationToken cancellationToken)
    {
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } bodyProblem) return Problems.For(bodyProblem, HttpAnswers.LanguageOf(request));
        return Answer(request, await moderation.RedactAsync(slug, id, json!, AdminRequests.ActorOf(request), cancellationToken));
    }

    /// <summary>Approves within the writer's consent: <c>{"publish": bool, "include_in_delivery": bool}</c> (missing means false).</summary>
    [Function(nameof(ApproveStory))]
    [RequiresRole(AdminRoles.Stories)]
    public async Task<IActionResult> ApproveStory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Stories + "/{id}/approval")] HttpRequest request, string slug, string id,
        CancellationToken cancellationToken)
    {
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } bodyProblem) return Problems.For(bodyProblem, HttpAnswers.LanguageOf(request));
        return Answer(request, await moderation.ApproveAsync(slug, id, json!, AdminRequests.ActorOf(request), cancellationToken));
    }

    /// <summary>Deletes the story for good: 204.</summary>
    [Function(nameof(DeleteStory))]
    [RequiresRole(AdminRoles.Stories)]
    public async Task<IActionResult> DeleteStory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Stories + "/{id}")] HttpRequest request, string slug, string id,
        CancellationToken cancellationToken) =>
        Answer(request, await moderation.DeleteAsync(slug, id, AdminRequests.ActorOf(request), cancellationToken));

    private static IActionResult Answer(HttpRequest request, ModerationOutcome outcome)
    {
        var language = HttpAnswers.LanguageOf(request);
        return outcome switch
        {
            ModerationOutcome.Done { Body: null } => new NoContentResult(),
            ModerationOutcome.Done done => new OkObjectResult(done.Body),
            ModerationOutcome.Refused refused => Problems.For(refused, language),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };
    }

    private static FieldErrors One(string field, Func<Language, string> message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }
}
