using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>The public side of endorsements: endorse a letter (JSON or form), its preflight, the public list, the confirm link, and the email queue.</summary>
public sealed class EndorsementFunctions(
    EndorsementIntake intake,
    SubmissionDoor door,
    Requesters requesters,
    EndorsementReads reads,
    EndorsementConfirmation confirmation,
    EmailOutbox<EndorsementOutbox> emails)
{
    [Function(nameof(SubmitEndorsement))]
    public async Task<IActionResult> SubmitEndorsement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{slug}/endorsements")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (problem is { } bodyProblem) return Problems.For(bodyProblem, language);
        return SubmissionAnswers.For(await intake.SubmitAsync(slug, body!, language, requesters.Of(request), cancellationToken), EndorsementMessages.Receipt);
    }

    /// <summary>The browser's CORS preflight before a cross-origin JSON post: the letter's allowed origins only.</summary>
    [Function(nameof(EndorsementPreflight))]
    public async Task<IActionResult> EndorsementPreflight(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "campaigns/{slug}/endorsements")] HttpRequest request,
        string slug) =>
        await door.AllowsOriginAsync(Entrance.Endorsements, slug, Requesters.OriginOf(request))
            ? HttpAnswers.Preflight(Requesters.OriginOf(request)!, "GET, POST")
            : Problems.For(ProblemKind.OriginNotAllowed, HttpAnswers.LanguageOf(request));

    /// <summary>Approved endorsements that agreed to be listed, by scope then name, with counts: cached, ETag, CORS *.</summary>
    [Function(nameof(ListEndorsements))]
    public Task<IActionResult> ListEndorsements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "campaigns/{slug}/endorsements")] HttpRequest request, string slug) =>
        PublicJson.ReadAsync(request, () => reads.FindAsync(slug), list => PublicJson.For(request, list), ProblemKind.NotALetter);

    /// <summary>The page an endorsement's confirm link opens: its script posts the token from the link's fragment.</summary>
    [Function(nameof(ConfirmEndorsementLink))]
    public IActionResult ConfirmEndorsementLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "endorsements/confirm")] HttpRequest request) =>
        LinkLanding.Page(HttpAnswers.LanguageOf(request), LinkPageMessages.ConfirmingTitle, LinkPageMessages.ConfirmingText,
            EndorsementMessages.ConfirmButton, HtmlLayout.ConfirmColour, submitsItself: true);

    [Function(nameof(ConfirmEndorsementByForm))]
    public async Task<IActionResult> ConfirmEndorsementByForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "endorsements/confirm")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ConfirmPage(await confirmation.ConfirmAsync(await LinkLanding.TokenAsync(request, cancellationToken) ?? "", HttpAnswers.LanguageOf(request), cancellationToken));

    /// <summary>A confirm link in the older form, with the token in the path.</summary>
    [Function(nameof(ConfirmEndorsement))]
    public async Task<IActionResult> ConfirmEndorsement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "endorsements/confirm/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        ConfirmPage(await confirmation.ConfirmAsync(token, HttpAnswers.LanguageOf(request), cancellationToken));

    private static IActionResult ConfirmPage(EndorsementConfirmOutcome outcome) => outcome switch
    {
        EndorsementConfirmOutcome.Confirmed confirmed => EndorsementPages.Confirmed(confirmed.Campaign, confirmed.Language),
        EndorsementConfirmOutcome.Expired expired => EndorsementPages.Expired(expired.Language),
        EndorsementConfirmOutcome.Unavailable unavailable => EndorsementPages.TryAgainLater(unavailable.Language),
        var other => EndorsementPages.NotValid(other.Language),
    };

    /// <summary>Sends an endorser's confirmation email; a transient failure throws, so the queue retries, then poisons.</summary>
    [Function(nameof(SendEndorsementConfirmation))]
    public Task SendEndorsementConfirmation(
        [QueueTrigger(StorageNames.EndorsementConfirmationsQueue)] string message, CancellationToken cancellationToken) =>
        emails.SendAsync(message, cancellationToken);

    [Function(nameof(GiveUpOnEndorsementConfirmation))]
    public Task GiveUpOnEndorsementConfirmation(
        [QueueTrigger(StorageNames.EndorsementConfirmationsPoisonQueue)] string message, CancellationToken cancellationToken) =>
        emails.RetryLaterOrGiveUpAsync(message, cancellationToken);

    [Function(nameof(RelayPendingEndorsementConfirmations))]
    public Task RelayPendingEndorsementConfirmations([TimerTrigger("30 */2 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        emails.RelayAsync(cancellationToken);
}
