using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// Turns a queued confirmation request into an email. Safe to run twice for the same message: an
/// email whose sequence number is already recorded as sent is skipped, and the transport gets the
/// same idempotency key on every attempt. Transient transport failures propagate, so the queue retries.
/// </summary>
public sealed class ConfirmationEmailSender(
    CampaignTable campaigns,
    SignatureTable signatures,
    IEmailTransport transport,
    LinkTokens tokens,
    PublicLinks links,
    PersonalDataCipher cipher,
    TimeProvider time,
    EmailRetryRounds rounds,
    ILogger<ConfirmationEmailSender> log)
{

    public async Task SendAsync(ConfirmationRequest request, CancellationToken cancellationToken)
    {
        await SendDueEmailAsync(request, cancellationToken);
        // Handled (sent, refused, or not due): the outbox row has done its job. A transient failure
        // throws before this, so the row stays for the relay.
        await signatures.ClearOutboxAsync(request.AsPending(), cancellationToken);
    }

    private async Task SendDueEmailAsync(ConfirmationRequest request, CancellationToken cancellationToken)
    {
        var signature = await signatures.FindAsync(request.Campaign, request.SignatureKey, cancellationToken);
        if (signature is null || !EmailAllowance.ShouldSend(signature, request.Sequence, request.Kind))
        {
            log.LogInformation("No email for signature {Signature} on {Campaign} (request {Sequence}): not due.",
                Short(request.SignatureKey), request.Campaign, request.Sequence);
            return;
        }
        var campaign = await campaigns.FindAsync(request.Campaign, cancellationToken);
        if (campaign is null)
        {
            log.LogWarning("Campaign {Campaign} no longer exists; no email for signature {Signature}.", request.Campaign, Short(request.SignatureKey));
            return;
        }

        var signer = PersonalDetails.Unprotect(cipher, signature.Campaign, signature.Key, signature.ProtectedPersonalData);
        var withdrawLink = links.Withdraw(tokens.Create(LinkTokens.WithdrawPurpose, campaign.Slug, signature.Key, LinkTokens.WithdrawLifetime), signature.Language);
        var email = request.Kind == EmailKind.AlreadySigned && signature.ConfirmedAt is { } confirmedAt
            ? ConfirmationEmails.AlreadySigned(campaign, signer, signature.Language, confirmedAt, withdrawLink)
            : ConfirmationEmails.Confirm(campaign, signer, signature.Language,
                links.Confirm(tokens.Create(LinkTokens.ConfirmPurpose, campaign.Slug, signature.Key, LinkTokens.ConfirmLifetime)), withdrawLink);

        switch (await transport.SendAsync(email, IdempotencyKey(request), cancellationToken))
        {
            case EmailSendResult.Rejected rejected:
                await signatures.RecordEmailFailureAsync(signature.Campaign, signature.Key, rejected.Reason, time.GetUtcNow(), cancellationToken);
                log.LogWarning("The {Kind} email for signature {Signature} on {Campaign} was refused for good ({Reason}); no more will be sent.",
                    request.Kind, Short(signature.Key), campaign.Slug, rejected.Reason);
                break;
            default:
                await signatures.RecordEmailSentAsync(signature.Campaign, signature.Key, request.Sequence, cancellationToken);
                log.LogInformation("Sent the {Kind} email for signature {Signature} on {Campaign} (request {Sequence}).",
                    request.Kind, Short(signature.Key), campaign.Slug, request.Sequence);
                break;
        }
    }

    /// <summary>
    /// Called for a message that failed host.json's maxDequeueCount times and reached the poison queue.
    /// While <see cref="EmailRetryRounds"/> allows, the email's outbox row is parked and the outbox relay
    /// sends it again later; after the last round the failure is recorded on the signature, the row is
    /// cleared, and the give-up is logged by campaign (never by address). A message whose outbox row is
    /// gone was handled meanwhile (or replaced by a newer request) and needs nothing.
    /// </summary>
    public async Task RetryLaterOrGiveUpAsync(string message, CancellationToken cancellationToken)
    {
        if (ConfirmationRequest.TryParse(message) is not { } request)
        {
            log.LogError("An unreadable message reached {Queue} and was dropped.", StorageNames.ConfirmationsPoisonQueue);
            return;
        }
        var pending = request.AsPending();
        if (await signatures.FailedRoundsAsync(pending, cancellationToken) is not { } before)
        {
            log.LogInformation("The {Kind} email for signature {Signature} on {Campaign} reached the poison queue but was handled meanwhile.",
                request.Kind, Short(request.SignatureKey), request.Campaign);
            return;
        }
        var failedRounds = before + 1;
        if (rounds.NextTryAt(failedRounds, time.GetUtcNow()) is { } retryAt)
        {
            await signatures.ParkOutboxAsync(pending, failedRounds, retryAt, cancellationToken);
            log.LogWarning("The {Kind} email for signature {Signature} on {Campaign} failed {Rounds} round(s) of tries; the relay sends it again at {RetryAt:u}.",
                request.Kind, Short(request.SignatureKey), request.Campaign, failedRounds, retryAt);
            return;
        }
        await signatures.RecordEmailFailureAsync(request.Campaign, request.SignatureKey, EmailRetryRounds.GaveUp, time.GetUtcNow(), cancellationToken);
        await signatures.ClearOutboxAsync(pending, cancellationToken);
        log.LogError("Gave up on the {Kind} email for signature {Signature} on {Campaign} after {Rounds} rounds of tries; it is recorded on the signature.",
            request.Kind, Short(request.SignatureKey), request.Campaign, failedRounds);
    }

    /// <summary>The same for every attempt at one email of one signature, different for its next email.</summary>
    public static Guid IdempotencyKey(ConfirmationRequest request) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Campaign}/{request.SignatureKey}/{request.Sequence}"))[..16]);

    private static string Short(string key) => key[..Math.Min(8, key.Length)];
}
