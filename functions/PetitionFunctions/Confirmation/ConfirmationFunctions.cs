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

    /// <summary>Queues again the emails whose outbox rows stayed too long, or whose parked round is due.</summary>
    [Function(nameof(RelayPendingConfirmations))]
    public Task RelayPendingConfirmations([TimerTrigger("0 */2 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        emails.RelayAsync(cancellationToken);

    [Function(nameof(ConfirmSignature))]
    public async Task<IActionResult> ConfirmSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "confirm/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        await confirmation.ConfirmAsync(token, HttpAnswers.LanguageOf(request), cancellationToken) switch
        {
            ConfirmOutcome.Confirmed confirmed => ConfirmPages.Confirmed(confirmed.Campaign, confirmed.Language, confirmed.AwaitsReview),
            ConfirmOutcome.Expired expired => ConfirmPages.Expired(expired.Language),
            ConfirmOutcome.Withdrawn withdrawn => ConfirmPages.Withdrawn(withdrawn.Language),
            ConfirmOutcome.Unavailable unavailable => ConfirmPages.TryAgainLater(unavailable.Language),
            var other => ConfirmPages.NotValid(other.Language),
        };

    /// <summary>The withdraw link in a signer's emails: a page asking to confirm. Opening it changes nothing.</summary>
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
