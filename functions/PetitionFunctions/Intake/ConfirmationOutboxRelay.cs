using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Intake;

/// <summary>
/// Sends again the confirmation messages whose outbox rows are still there after
/// <see cref="SignatureTable.OutboxGrace"/>: intake stored the request but the queue failed, or the
/// process stopped between the two writes, or the message was lost. The email consumer clears a row
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
            await foreach (var pending in signatures.PendingAsync(campaign.Slug, now, cancellationToken))
            {
                await confirmations.SendAsync(ConfirmationRequest.From(pending), cancellationToken);
                await signatures.PostponeOutboxAsync(pending, now + SignatureTable.OutboxGrace, cancellationToken);
                relayed++;
            }
        }
        if (relayed > 0) log.LogWarning("Relayed {Count} confirmation messages that intake had not queued.", relayed);
        return relayed;
    }
}
