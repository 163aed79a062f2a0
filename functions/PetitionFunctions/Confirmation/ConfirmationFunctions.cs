using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Confirmation;

public sealed class ConfirmationFunctions(EmailOutbox<SignatureOutbox> emails, SignatureConfirmation confirmation, SignatureWithdrawal withdrawal)
{
    /// <summary>
    /// Sends the email a queued request asks for. A transient transport failure throws, so the queue
    /// tries again after host.json's visibilityTimeout; after maxDequeueCount tries the message moves
    /// to the poison queue. A malformed message fails the same way.
    /// </summary>
    [Function(nameof(SendConfirmationEmail))]
    public Task SendConfirmationEmail([QueueTrigger(StorageNames.ConfirmationsQueue)] string message, CancellationToken cancellationToken) =>
        emails.SendAsync(message, cancellationToken);

    /// <summary>Parks an email whose tries ran out for a later round, or, after the last round, records on the signature that it could not be sent.</summary>
    [Function(nameof(GiveUpOnConfirmationEmail))]
    public Task GiveUpOnConfirmationEmail([QueueTrigger(StorageNames.ConfirmationsPoisonQueue)] string message, CancellationToken cancellationToken) =>
        emails.RetryLaterOrGiveUpAsync(message, cancellationToken);

    // The further shards of the confirmations queue (Email:ConfirmationQueues), each consumed the same way.
    [Function(nameof(SendConfirmationEmail1))]
    public Task SendConfirmationEmail1([QueueTrigger(StorageNames.ConfirmationsQueue1)] string message, CancellationToken cancellationToken) =>
        emails.SendAsync(message, cancellationToken);

    [Function(nameof(SendConfirmationEmail2))]
    public Task SendConfirmationEmail2([QueueTrigger(StorageNames.ConfirmationsQueue2)] string message, CancellationToken cancellationToken) =>
        emails.SendAsync(message, cancellationToken);

    [Function(nameof(SendConfirmationEmail3))]
    public Task SendConfirmationEmail3([QueueTrigger(StorageNames.ConfirmationsQueue3)] string message, CancellationToken cancellationToken) =>
        emails.SendAsync(message, cancellationToken);

    [Function(nameof(GiveUpOnConfirmationEmail1))]
    public Task GiveUpOnConfirmationEmail1([QueueTrigger(StorageNames.ConfirmationsPoisonQueue1)] string message, CancellationToken cancellationToken) =>
        emails.RetryLaterOrGiveUpAsync(message, cancellationToken);

    [Function(nameof(GiveUpOnConfirmationEmail2))]
    public Task GiveUpOnConfirmationEmail2([QueueTrigger(StorageNames.ConfirmationsPoisonQueue2)] string message, CancellationToken cancellationToken) =>
        emails.RetryLaterOrGiveUpAsync(message, cancellationToken);

    [Function(nameof(GiveUpOnConfirmationEmail3))]
    public Task GiveUpOnConfirmationEmail3([QueueTrigger(StorageNames.ConfirmationsPoisonQueue3)] string message, CancellationToken cancellationToken) =>
        emails.RetryLaterOrGiveUpAsync(message, cancellationToken);

    /// <summary>Queues again the emails whose outbox rows stayed too long, or whose parked round is due.</summary>
    [Function(nameof(RelayPendingConfirmations))]
    public Task RelayPendingConfirmations([TimerTrigger("0 */2 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        emails.RelayAsync(cancellationToken);

    /// <summary>The page a confirm link opens: its script posts the token from the link's fragment (<see cref="LinkLanding"/>).</summary>
    [Function(nameof(ConfirmSignatureLink))]
    public IActionResult ConfirmSignatureLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "confirm")] HttpRequest request) =>
        LinkLanding.Page(HttpAnswers.LanguageOf(request), LinkPageMessages.ConfirmingTitle, LinkPageMessages.ConfirmingText,
            ConfirmationMessages.ConfirmButton, HtmlLayout.ConfirmColour, submitsItself: true);

    /// <summary>That page's form: confirms the signature its token names.</summary>
    [Function(nameof(ConfirmSignatureByForm))]
    public async Task<IActionResult> ConfirmSignatureByForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "confirm")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ConfirmPage(await confirmation.ConfirmAsync(await LinkLanding.TokenAsync(request, cancellationToken) ?? "", HttpAnswers.LanguageOf(request), cancellationToken));

    /// <summary>A confirm link in the older form, with the token in the path: emails sent before links moved it to the fragment.</summary>
    [Function(nameof(ConfirmSignature))]
    public async Task<IActionResult> ConfirmSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "confirm/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        ConfirmPage(await confirmation.ConfirmAsync(token, HttpAnswers.LanguageOf(request), cancellationToken));

    private static IActionResult ConfirmPage(ConfirmOutcome outcome) => outcome switch
    {
        ConfirmOutcome.Confirmed confirmed => ConfirmPages.Confirmed(confirmed.Campaign, confirmed.Language, confirmed.AwaitsReview),
        ConfirmOutcome.Expired expired => ConfirmPages.Expired(expired.Language),
        ConfirmOutcome.Withdrawn withdrawn => ConfirmPages.Withdrawn(withdrawn.Language),
        ConfirmOutcome.Unavailable unavailable => ConfirmPages.TryAgainLater(unavailable.Language),
        var other => ConfirmPages.NotValid(other.Language),
    };

    /// <summary>The page a withdraw link opens: the question, and a button that posts the token from the link's fragment. Opening it changes nothing.</summary>
    [Function(nameof(WithdrawSignatureLink))]
    public IActionResult WithdrawSignatureLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "withdraw")] HttpRequest request) =>
        WithdrawPages.Ask(HttpAnswers.LanguageOf(request), ConfirmationMessages.WithdrawPage);

    /// <summary>That page's button: withdraws the signature and deletes its personal details.</summary>
    [Function(nameof(WithdrawSignatureByForm))]
    public async Task<IActionResult> WithdrawSignatureByForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "withdraw")] HttpRequest request,
        CancellationToken cancellationToken) =>
        WithdrawPages.For(await withdrawal.WithdrawAsync(await LinkLanding.TokenAsync(request, cancellationToken) ?? "", HttpAnswers.LanguageOf(request), cancellationToken),
            request.Path, ConfirmationMessages.WithdrawPage);

    /// <summary>A withdraw link in the older form (token in the path): a page asking to confirm. Opening it changes nothing.</summary>
    [Function(nameof(WithdrawSignaturePage))]
    public async Task<IActionResult> WithdrawSignaturePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "withdraw/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        WithdrawPages.For(await withdrawal.CheckAsync(token, HttpAnswers.LanguageOf(request), cancellationToken), request.Path, ConfirmationMessages.WithdrawPage);

    /// <summary>The button on that page: withdraws the signature and deletes its personal details.</summary>
    [Function(nameof(WithdrawSignature))]
    public async Task<IActionResult> WithdrawSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "withdraw/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        WithdrawPages.For(await withdrawal.WithdrawAsync(token, HttpAnswers.LanguageOf(request), cancellationToken), request.Path, ConfirmationMessages.WithdrawPage);
}
