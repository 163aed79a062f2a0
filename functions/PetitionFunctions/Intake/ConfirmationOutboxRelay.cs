using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Intake;

/// <summary>
/// Sends again the confirmation messages whose outbox rows are still there after
/// <see cref="SignatureTable.OutboxGrace"/> (and twice as long after each relay, <see cref="OutboxEntry.NextWait"/>): intake stored the request but the queue failed, or the
/// process stopped between the two writes, or the message was lost, or its tries ran out and it was
/// parked for a later round (<see cref="PetitionFunctions.Email.EmailRetryRounds"/>). The email consumer clears a row
/// once its email is handled and skips an email already sent, so a message sent twice is harmless.
/// </summary>
public sealed class ConfirmationOutboxRelay(
    CampaignTable campaigns,
    SignatureTable signatures,
    ConfirmationQueue confirmations,
    TimeProvider time,
    ILogger<ConfirmationOutboxRelay> log)
{
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var relayed = 0;
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            await foreach (var entry in signatures.PendingAsync(campaign.Slug, now, cancellationToken))
            {
                // Postponed first: the message may fail its tries and park the row again before this loop moves on.
                if (!await signatures.PostponeOutboxAsync(entry, now + entry.NextWait, cancellationToken)) continue;
                await confirmations.SendAsync(ConfirmationRequest.From(entry.Pending), cancellationToken);
                relayed++;
            }
        }
        if (relayed > 0) log.LogWarning("Relayed {Count} confirmation messages still in the outbox.", relayed);
        return relayed;
    }
}
