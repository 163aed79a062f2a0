using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Delivery;

/// <summary>What an admin's request for a delivery came to.</summary>
public abstract record DeliveryRequestOutcome
{
    public sealed record CampaignNotFound : DeliveryRequestOutcome;

    /// <summary>The milestone asked for is not one the campaign's rules make due now.</summary>
    public sealed record NotDue(IReadOnlyList<string> DueNow) : DeliveryRequestOutcome;

    /// <summary>A new delivery was recorded and queued.</summary>
    public sealed record Created(DeliveryRecord Delivery) : DeliveryRequestOutcome;

    /// <summary>The milestone already had a delivery; nothing new was queued.</summary>
    public sealed record Existing(DeliveryRecord Delivery) : DeliveryRequestOutcome;
}

/// <summary>
/// Decides and records deliveries; never builds them. The timer checks every campaign's rules against
/// its summary (never its signatures); an admin asks for one on demand. Either way the delivery row is
/// inserted if absent before its message is queued, so a milestone has one delivery whoever asks and
/// however often. A row whose message was lost stays "queued" and is queued again by the next check.
/// </summary>
public sealed class DeliveryScheduler(
    CampaignTable campaigns,
    SummaryTable summaries,
    DeliveryTable deliveries,
    DeliveryQueue queue,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryScheduler> log)
{
    /// <returns>How many deliveries were queued (new ones and re-queued ones).</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            try
            {
                queued += await CheckAsync(campaign, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("Checking the delivery rules of {Campaign} failed ({Failure}); the next check tries again.", campaign.Slug, e.GetType().Name);
            }
        }
        return queued;
    }

    private async Task<int> CheckAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var history = await deliveries.ListAsync(campaign.Slug, cancellationToken);
        var queued = await RequeueStuckAsync(history, now, cancellationToken);

        var summary = (await summaries.FindAsync(campaign.Slug, cancellationToken))?.Summary;
        var due = DeliveryRules.Due(campaign, summary, HistoryOf(history), now);
        var taken = history.Select(d => d.DeliveryId).ToHashSet(StringComparer.Ordinal);
        DeliveryRecord? primary = null;
        foreach (var milestone in due.Where(d => !taken.Contains(d.MilestoneId)))
        {
            if (primary is null)
            {
                var record = NewRecord(campaign, milestone.MilestoneId, milestone.Reason, "timer", summary?.Count ?? 0, now);
                if (!await deliveries.TryAddAsync(record, cancellationToken)) continue; // someone else took it since we read
                await EnqueueAsync(record, cancellationToken);
                primary = record;
                queued++;
            }
            else
            {
                // Due at the same moment as the primary one: its packet carries the same signers.
                await deliveries.TryAddAsync(NewRecord(campaign, milestone.MilestoneId, milestone.Reason, "timer", summary?.Count ?? 0, now) with
                {
                    State = DeliveryState.Covered,
                    CoveredBy = primary.DeliveryId,
                }, cancellationToken);
            }
        }
        return queued;
    }

    /// <summary>
    /// An admin's request. Without a milestone: a new on-demand delivery ("manual-{guid}"). With one: that
    /// milestone if the rules make it due now; if it already has a delivery, that delivery is returned
    /// (one that failed is queued again).
    /// </summary>
    public async Task<DeliveryRequestOutcome> RequestAsync(string slug, string? milestone, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is not { } campaign) return new DeliveryRequestOutcome.CampaignNotFound();
        var now = time.GetUtcNow();
        var summary = (await summaries.FindAsync(campaign.Slug, cancellationToken))?.Summary;
        string reason;
        if (milestone is null)
        {
            milestone = DeliveryRules.ManualId(Guid.CreateVersion7(now));
            reason = "requested by an organiser";
        }
        else
        {
            var due = DeliveryRules.Due(campaign, summary, HistoryOf(await deliveries.ListAsync(campaign.Slug, cancellationToken)), now);
            if (due.FirstOrDefault(d => d.MilestoneId == milestone) is not { } match)
                return new DeliveryRequestOutcome.NotDue(due.Select(d => d.MilestoneId).ToList());
            reason = match.Reason;
        }

        var record = NewRecord(campaign, milestone, reason, "admin", summary?.Count ?? 0, now);
        if (await deliveries.TryAddAsync(record, cancellationToken))
        {
            await EnqueueAsync(record, cancellationToken);
            log.LogInformation("An admin requested delivery {Delivery} of {Campaign}.", record.DeliveryId, campaign.Slug);
            return new DeliveryRequestOutcome.Created(record);
        }

        var existing = (await deliveries.FindAsync(campaign.Slug, milestone, cancellationToken))!;
        if (existing.Delivery.State == DeliveryState.Failed)
        {
            var retry = existing.Delivery with { State = DeliveryState.Queued, Failure = null, RequestedBy = "admin", QueuedAt = now };
            if (await deliveries.TryReplaceAsync(retry, existing.Version, cancellationToken))
            {
                await EnqueueAsync(retry, cancellationToken);
                log.LogInformation("An admin queued failed delivery {Delivery} of {Campaign} again.", retry.DeliveryId, campaign.Slug);
                return new DeliveryRequestOutcome.Created(retry);
            }
            existing = (await deliveries.FindAsync(campaign.Slug, milestone, cancellationToken))!;
        }
        return new DeliveryRequestOutcome.Existing(existing.Delivery);
    }

    /// <summary>The count of the last delivery that went out: "new since the last delivery" starts there.</summary>
    public static DeliveryHistory HistoryOf(IEnumerable<DeliveryRecord> history, DateTimeOffset? before = null) =>
        new(history.Where(d => d.State == DeliveryState.Sent && d.SentAt is not null && (before is null || d.SentAt < before))
            .OrderByDescending(d => d.SentAt).FirstOrDefault()?.TotalConfirmed);

    private async Task<int> RequeueStuckAsync(IReadOnlyList<DeliveryRecord> history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var requeued = 0;
        foreach (var stuck in history.Where(d => d.State == DeliveryState.Queued && d.QueuedAt < now - options.Value.RequeueAfter))
        {
            // Claim the re-send with the row's ETag, so two checks at once send one message. The consumer is
            // idempotent anyway (a delivery sent is skipped), so a message that was slow, not lost, costs a no-op.
            if (await deliveries.FindAsync(stuck.Campaign, stuck.DeliveryId, cancellationToken) is not { Delivery.State: DeliveryState.Queued } fresh
                || !await deliveries.TryReplaceAsync(fresh.Delivery with { QueuedAt = now }, fresh.Version, cancellationToken))
                continue;
            await EnqueueAsync(stuck, cancellationToken);
            log.LogWarning("Delivery {Delivery} of {Campaign} was still queued after {Wait}; queued it again.", stuck.DeliveryId, stuck.Campaign, options.Value.RequeueAfter);
            requeued++;
        }
        return requeued;
    }

    private async Task EnqueueAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendAsync(new DeliveryRequest(record.Campaign, record.DeliveryId), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The row says "queued"; the next check re-sends its message after RequeueAfter.
            log.LogWarning("Could not queue delivery {Delivery} of {Campaign} ({Failure}); the timer will.", record.DeliveryId, record.Campaign, e.GetType().Name);
        }
    }

    private static DeliveryRecord NewRecord(Campaign campaign, string milestone, string reason, string requestedBy, int count, DateTimeOffset now) => new()
    {
        Campaign = campaign.Slug,
        DeliveryId = milestone,
        Kind = DeliveryRules.KindOf(milestone),
        State = DeliveryState.Queued,
        Reason = reason,
        RequestedBy = requestedBy,
        RequestedAt = now,
        QueuedAt = now,
        CountAtRequest = count,
    };
}
