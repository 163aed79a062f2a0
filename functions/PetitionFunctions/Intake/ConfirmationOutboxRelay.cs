using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Intake;

/// <summary>
/// Sends the confirmation messages that intake stored but could not queue (the queue failed, or the
/// process stopped between the two writes). Rows younger than a minute are left to intake itself.
/// </summary>
public sealed class ConfirmationOutboxRelay(
    CampaignTable campaigns,
    SignatureTable signatures,
    ConfirmationQueue confirmations,
    TimeProvider time,
    ILogger<ConfirmationOutboxRelay> log)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var writtenBefore = time.GetUtcNow() - Grace;
        var relayed = 0;
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            await foreach (var pending in signatures.PendingAsync(campaign.Slug, writtenBefore, cancellationToken))
            {
                await confirmations.SendAsync(ConfirmationRequest.From(pending), cancellationToken);
                await signatures.ClearOutboxAsync(pending, cancellationToken);
                relayed++;
            }
        }
        if (relayed > 0) log.LogWarning("Relayed {Count} confirmation messages that intake had not queued.", relayed);
        return relayed;
    }
}
