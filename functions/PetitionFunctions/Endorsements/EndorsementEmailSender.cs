using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// Turns a queued request into the endorser's confirmation email, through the same transport, link
/// tokens (purpose "endorse") and public address as signatures. Safe to run twice: an endorsement whose
/// email is recorded as sent, or that is confirmed already, gets none, and the transport gets the same
/// idempotency key on every attempt. Transient transport failures propagate, so the queue retries.
/// </summary>
public sealed class EndorsementEmailSender(
    CampaignTable campaigns,
    EndorsementTable endorsements,
    IEmailTransport transport,
    LinkTokens tokens,
    PublicLinks links,
    PersonalDataCipher cipher,
    TimeProvider time,
    EmailRetryRounds rounds,
    ILogger<EndorsementEmailSender> log)
{
    public const string Purpose = "endorse";

    public async Task SendAsync(EndorsementEmailRequest request, CancellationToken cancellationToken)
    {
        await SendDueEmailAsync(request, cancellationToken);
        // Handled (sent, refused, or not due): the outbox row has done its job. A transient failure
        // throws before this, so the row stays for the relay.
        await endorsements.ClearOutboxAsync(request.Campaign, request.EndorsementKey, cancellationToken);
    }

    private async Task SendDueEmailAsync(EndorsementEmailRequest request, CancellationToken cancellationToken)
    {
        var endorsement = await endorsements.FindAsync(request.Campaign, request.EndorsementKey, cancellationToken);
        if (endorsement is null || endorsement.EmailsSent > 0 || endorsement.EmailFailure is not null || endorsement.State == EndorsementState.Confirmed
            || endorsement.SignerErased)
        {
            log.LogInformation("No email for endorsement {Endorsement} on {Campaign}: not due.", EndorsementIntake.Short(request.EndorsementKey), request.Campaign);
            return;
        }
        if (await campaigns.FindAsync(request.Campaign, cancellationToken) is not { } campaign)
        {
            log.LogWarning("Letter {Campaign} no longer exists; no email for endorsement {Endorsement}.", request.Campaign, EndorsementIntake.Short(request.EndorsementKey));
            return;
        }

        var link = ConfirmLink(tokens.Create(Purpose, campaign.Slug, endorsement.Key, LinkTokens.ConfirmLifetime));
        var email = EndorsementEmails.Confirm(campaign, endorsement, endorsement.Details(cipher), link);
        switch (await transport.SendAsync(email, IdempotencyKey(request), cancellationToken))
        {
            case EmailSendResult.Rejected rejected:
                await endorsements.RecordEmailFailureAsync(request.Campaign, endorsement.Key, rejected.Reason, time.GetUtcNow(), cancellationToken);
                log.LogWarning("The confirmation email for endorsement {Endorsement} on {Campaign} was refused for good ({Reason}).",
                    EndorsementIntake.Short(endorsement.Key), campaign.Slug, rejected.Reason);
                break;
            default:
                await endorsements.RecordEmailSentAsync(request.Campaign, endorsement.Key, cancellationToken);
                log.LogInformation("Sent the confirmation email for endorsement {Endorsement} on {Campaign}.", EndorsementIntake.Short(endorsement.Key), campaign.Slug);
                break;
        }
    }

    /// <summary>
    /// A message that failed maxDequeueCount times, as for signatures: while <see cref="EmailRetryRounds"/>
    /// allows, the outbox row is parked and the relay sends it again later; after the last round the
    /// failure is recorded on the endorsement for an admin to see and the row is cleared. A message whose
    /// outbox row is gone was handled meanwhile.
    /// </summary>
    public async Task RetryLaterOrGiveUpAsync(string message, CancellationToken cancellationToken)
    {
        if (EndorsementEmailRequest.TryParse(message) is not { } request)
        {
            log.LogError("An unreadable message reached {Queue} and was dropped.", StorageNames.EndorsementConfirmationsPoisonQueue);
            return;
        }
        var (campaign, key) = (request.Campaign, request.EndorsementKey);
        if (await endorsements.FailedRoundsAsync(campaign, key, cancellationToken) is not { } before)
        {
            log.LogInformation("The confirmation email for endorsement {Endorsement} on {Campaign} reached the poison queue but was handled meanwhile.",
                EndorsementIntake.Short(key), campaign);
            return;
        }
        var failedRounds = before + 1;
        if (rounds.NextTryAt(failedRounds, time.GetUtcNow()) is { } retryAt)
        {
            await endorsements.ParkOutboxAsync(campaign, key, failedRounds, retryAt, cancellationToken);
            log.LogWarning("The confirmation email for endorsement {Endorsement} on {Campaign} failed {Rounds} round(s) of tries; the relay sends it again at {RetryAt:u}.",
                EndorsementIntake.Short(key), campaign, failedRounds, retryAt);
            return;
        }
        await endorsements.RecordEmailFailureAsync(campaign, key, EmailRetryRounds.GaveUp, time.GetUtcNow(), cancellationToken);
        await endorsements.ClearOutboxAsync(campaign, key, cancellationToken);
        log.LogError("Gave up on the confirmation email for endorsement {Endorsement} on {Campaign} after {Rounds} rounds of tries; it is recorded on the endorsement.",
            EndorsementIntake.Short(key), campaign, failedRounds);
    }

    public Uri ConfirmLink(string token) => new(links.BaseUrl, $"api/endorsements/confirm/{token}");

    /// <summary>The same for every attempt at an endorsement's email, and never the same as a signature's.</summary>
    public static Guid IdempotencyKey(EndorsementEmailRequest request) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"endorsement/{request.Campaign}/{request.EndorsementKey}"))[..16]);
}
