using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Stories;

/// <summary>The public side of stories: the writer's post, the published list, the withdraw link, and the background work.</summary>
public sealed class StoryFunctions(
    StoryIntake intake,
    SubmissionDoor door,
    Requesters requesters,
    StoryReads reads,
    StoryWithdrawal withdrawal,
    EmailOutbox<StoryOutbox> emails,
    StoryRetention retention)
{
    [Function(nameof(SubmitStory))]
    public async Task<IActionResult> SubmitStory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{slug}/stories")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken, StoryRules.MaxBodyBytes);
        if (problem is { } bodyProblem) return Problems.For(bodyProblem == ProblemKind.BodyTooLarge ? ProblemKind.StoryTooLarge : bodyProblem, language);
        return SubmissionAnswers.For(await intake.SubmitAsync(slug, body!, language, requesters.Of(request), cancellationToken), StoryMessages.Receipt);
    }

    /// <summary>The browser's CORS preflight before a cross-origin JSON post: allowed origins of stories campaigns only.</summary>
    [Function(nameof(StoryPreflight))]
    public async Task<IActionResult> StoryPreflight(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "campaigns/{slug}/stories")] HttpRequest request,
        string slug) =>
        await door.AllowsOriginAsync(Entrance.Stories, slug, Requesters.OriginOf(request))
            ? HttpAnswers.Preflight(Requesters.OriginOf(request)!, "POST")
            : Problems.For(ProblemKind.OriginNotAllowed, HttpAnswers.LanguageOf(request));

    /// <summary>Published stories, redacted, in the requested language where available: cached like the count.</summary>
    [Function(nameof(GetPublishedStories))]
    public Task<IActionResult> GetPublishedStories(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "campaigns/{slug}/stories")] HttpRequest request, string slug) =>
        PublicJson.ReadAsync(request, () => reads.FindAsync(slug),
            published => PublicJson.For(request, PublicStoryList.From(published, HttpAnswers.LanguageOf(request)), variesByLanguage: true),
            ProblemKind.NotAStoryCampaign);

    /// <summary>The page a story's withdraw link opens: the question, and a button that posts the token from the link's fragment.</summary>
    [Function(nameof(WithdrawStoryLink))]
    public IActionResult WithdrawStoryLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "stories/withdraw")] HttpRequest request) =>
        WithdrawPages.Ask(HttpAnswers.LanguageOf(request), StoryMessages.WithdrawPage);

    /// <summary>That page's button: deletes the story for good. Idempotent.</summary>
    [Function(nameof(WithdrawStoryByForm))]
    public async Task<IActionResult> WithdrawStoryByForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stories/withdraw")] HttpRequest request,
        CancellationToken cancellationToken) =>
        WithdrawPages.For(await withdrawal.WithdrawAsync(await LinkLanding.TokenAsync(request, cancellationToken) ?? "", HttpAnswers.LanguageOf(request), cancellationToken),
            request.Path, StoryMessages.WithdrawPage);

    /// <summary>A withdraw link in the older form (token in the path): a page asking to confirm. Opening it changes nothing.</summary>
    [Function(nameof(WithdrawStoryPage))]
    public async Task<IActionResult> WithdrawStoryPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "stories/withdraw/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        WithdrawPages.For(await withdrawal.CheckAsync(token, HttpAnswers.LanguageOf(request), cancellationToken), request.Path, StoryMessages.WithdrawPage);

    /// <summary>The button on that page: deletes the story for good. Idempotent.</summary>
    [Function(nameof(WithdrawStory))]
    public async Task<IActionResult> WithdrawStory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stories/withdraw/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        WithdrawPages.For(await withdrawal.WithdrawAsync(token, HttpAnswers.LanguageOf(request), cancellationToken), request.Path, StoryMessages.WithdrawPage);

    [Function(nameof(SendStoryEmail))]
    public Task SendStoryEmail([QueueTrigger(StorageNames.StoryEmailsQueue)] string message, CancellationToken cancellationToken) =>
        emails.SendAsync(message, cancellationToken);

    [Function(nameof(GiveUpOnStoryEmail))]
    public Task GiveUpOnStoryEmail([QueueTrigger(StorageNames.StoryEmailsPoisonQueue)] string message, CancellationToken cancellationToken) =>
        emails.RetryLaterOrGiveUpAsync(message, cancellationToken);

    [Function(nameof(RelayPendingStoryEmails))]
    public Task RelayPendingStoryEmails([TimerTrigger("30 */2 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        emails.RelayAsync(cancellationToken);

    /// <summary>Daily at 04:15 UTC: deletes the stories of campaigns closed longer than Stories:RetentionDays, except published ones.</summary>
    [Function(nameof(DeleteExpiredStories))]
    public Task DeleteExpiredStories([TimerTrigger("0 15 4 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.SweepAsync(cancellationToken);
}
