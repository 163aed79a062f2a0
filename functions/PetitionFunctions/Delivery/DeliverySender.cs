using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Email;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Stories;

namespace PetitionFunctions.Delivery;

/// <summary>
/// Builds and sends a queued delivery: the CSV of confirmed signers streamed into temporary part files
/// (hashed as written), one email per part to the target (copy to the owner), then the record "sent"
/// with the parts' SHA-256. Safe to run twice: a delivery already sent is skipped; the packet lists
/// signers confirmed up to the delivery's request time, so every attempt writes the same bytes; and each
/// part's email has an idempotency key derived from campaign, delivery and part, so a retry after a
/// partial send does not send the parts that went out again (where the transport can prevent it).
/// Transient transport failures propagate, so the queue retries.
/// </summary>
public sealed class DeliverySender(
    CampaignTable campaigns,
    SummaryTable summaries,
    DeliveryTable deliveries,
    ConfirmedSigners signers,
    IEmailTransport transport,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<DeliverySender> log,
    IDeliveryEndorsers endorsements,
    StoryDelivery stories)
{
    private const int ConcurrencyRetries = 5;

    public async Task SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (await ClaimAsync(request, cancellationToken) is not { } claimed) return;
        var (delivery, campaign) = claimed;

        var others = (await deliveries.ListAsync(campaign.Slug, cancellationToken)).Where(d => d.DeliveryId != delivery.DeliveryId).ToList();
        var history = DeliveryScheduler.HistoryOf(others, before: delivery.RequestedAt);
        var previous = others.Where(d => d.State == DeliveryState.Sent && d.SentAt < delivery.RequestedAt)
            .OrderByDescending(d => d.SentAt).FirstOrDefault()?.DeliveryId;
        var summary = (await summaries.FindAsync(campaign.Slug, cancellationToken))?.Summary;

        var sent = campaign.Kind switch
        {
            CampaignKind.Letter => await SendLetterAsync(campaign, delivery, history, cancellationToken),
            CampaignKind.Stories => await SendStoriesAsync(campaign, delivery, history, cancellationToken),
            _ => await SendPetitionAsync(campaign, delivery, history, summary, cancellationToken),
        };
        if (sent is not var (total, newSinceLast, parts)) return;

        await RecordAsync(delivery, d => d with
        {
            State = DeliveryState.Sent,
            SentAt = time.GetUtcNow(),
            TotalConfirmed = total,
            NewSinceLast = newSinceLast,
            PreviousDelivery = previous,
            Parts = parts,
            Failure = null,
        }, cancellationToken);
        log.LogInformation("Sent delivery {Delivery} of {Campaign}: {Total} confirmed ({New} new) in {Parts} part(s).",
            delivery.DeliveryId, campaign.Slug, total, newSinceLast, parts.Count);
    }

    /// <summary>A petition's packet: the confirmed signers' CSV in parts, one email each. Null when the provider refused a part.</summary>
    private async Task<(int Total, int NewSinceLast, IReadOnlyList<DeliveredPart> Parts)?> SendPetitionAsync(
        Campaign campaign, DeliveryRecord delivery, DeliveryHistory history, CampaignSummary? summary, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(string.IsNullOrWhiteSpace(options.Value.WorkFolder) ? Path.GetTempPath() : options.Value.WorkFolder,
            "petition-delivery-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            string PartFile(int number) => Path.Combine(folder, $"part-{number}.csv");
            var written = await DeliveryCsv.WriteAsync(
                signers.ReadAsync(campaign.Slug, delivery.RequestedAt, cancellationToken),
                options.Value.MaxPartBytes,
                number => new FileStream(PartFile(number), FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true),
                cancellationToken);

            var parts = written.Select(p => new DeliveredPart(p.Number,
                DeliveryEmails.FileName(campaign.Slug, delivery.DeliveryId, p.Number, written.Count), p.Rows, p.Bytes, p.Sha256)).ToList();
            var total = parts.Sum(p => p.Rows);
            var packet = new DeliveryPacket(campaign, delivery, total, DeliveryRules.NewSince(total, history), summary, parts);
            foreach (var part in parts)
            {
                var file = PartFile(part.Number);
                var attachment = new EmailAttachment(part.Name, DeliveryCsv.ContentType,
                    () => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true));
                if (!await SendPartAsync(DeliveryEmails.Part(packet, part.Number, attachment), delivery, part.Number, parts, cancellationToken)) return null;
            }
            return (total, packet.NewSinceLast, parts);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// A sign-on letter's packet: one email leading with the letter, then its approved endorsers by scope,
    /// with their CSV. Letters take endorsements, not individual signatures (docs/decisions.md).
    /// </summary>
    private async Task<(int Total, int NewSinceLast, IReadOnlyList<DeliveredPart> Parts)?> SendLetterAsync(
        Campaign campaign, DeliveryRecord delivery, DeliveryHistory history, CancellationToken cancellationToken)
    {
        var endorsers = await endorsements.ForDeliveryAsync(campaign, delivery.RequestedAt, cancellationToken) ?? new EndorserPacket([]);
        var csv = endorsers.Csv();
        var part = new DeliveredPart(1, EndorserPacket.FileName(campaign.Slug, delivery.DeliveryId), endorsers.Count, csv.Length,
            Convert.ToHexStringLower(SHA256.HashData(csv)));
        var newSinceLast = DeliveryRules.NewSince(endorsers.Count, history);
        var email = DeliveryEmails.Letter(campaign, delivery, endorsers, newSinceLast, part, EmailAttachment.FromBytes(part.Name, EndorserPacket.ContentType, csv));
        return await SendPartAsync(email, delivery, 1, [part], cancellationToken) ? (endorsers.Count, newSinceLast, [part]) : null;
    }

    /// <summary>
    /// A story collection's packet, one email: the stories an admin chose for delivery, redacted, within
    /// the consent each writer gave (never the original text, a contact or a place; a name only when the
    /// writer chose to publish with it), in the body and as a text file with its SHA-256.
    /// </summary>
    private async Task<(int Total, int NewSinceLast, IReadOnlyList<DeliveredPart> Parts)?> SendStoriesAsync(
        Campaign campaign, DeliveryRecord delivery, DeliveryHistory history, CancellationToken cancellationToken)
    {
        var chosen = new List<RedactedStory>();
        await foreach (var story in stories.ForDeliveryAsync(campaign.Slug, cancellationToken))
            if (story.ReceivedAt <= delivery.RequestedAt) chosen.Add(story);
        var file = Encoding.UTF8.GetBytes(DeliveryEmails.StoriesFile(chosen));
        var part = new DeliveredPart(1, DeliveryEmails.StoriesFileName(campaign.Slug, delivery.DeliveryId), chosen.Count, file.Length,
            Convert.ToHexStringLower(SHA256.HashData(file)));
        var newSinceLast = DeliveryRules.NewSince(chosen.Count, history);
        var email = DeliveryEmails.Stories(campaign, delivery, chosen, newSinceLast, part, EmailAttachment.FromBytes(part.Name, "text/plain; charset=utf-8", file));
        return await SendPartAsync(email, delivery, 1, [part], cancellationToken) ? (chosen.Count, newSinceLast, [part]) : null;
    }

    /// <summary>Sends one email of a delivery; false (and the delivery recorded as failed) when the provider refused it for good.</summary>
    private async Task<bool> SendPartAsync(EmailMessage email, DeliveryRecord delivery, int number, List<DeliveredPart> parts, CancellationToken cancellationToken)
    {
        if (await transport.SendAsync(email, IdempotencyKey(delivery, number, parts.Count), cancellationToken) is not EmailSendResult.Rejected rejected) return true;
        await RecordAsync(delivery, d => d with { State = DeliveryState.Failed, Failure = rejected.Reason, Parts = parts }, cancellationToken);
        log.LogError("Delivery {Delivery} of {Campaign} was refused by the email provider ({Reason}) at part {Part} of {Parts}.",
            delivery.DeliveryId, delivery.Campaign, rejected.Reason, number, parts.Count);
        return false;
    }

    /// <summary>
    /// Called for a message that failed host.json's maxDequeueCount times: the delivery is recorded as
    /// failed (an admin can request its milestone again) and logged by campaign.
    /// </summary>
    public async Task GiveUpAsync(string message, CancellationToken cancellationToken)
    {
        if (DeliveryRequest.TryParse(message) is not { } request)
        {
            log.LogError("An unreadable message reached {Queue} and was dropped.", StorageNames.PoisonQueue(StorageNames.DeliveriesQueue));
            return;
        }
        if (await deliveries.FindAsync(request.Campaign, request.DeliveryId, cancellationToken) is { } found && found.Delivery.State != DeliveryState.Sent)
            await RecordAsync(found.Delivery, d => d.State == DeliveryState.Sent ? d : d with { State = DeliveryState.Failed, Failure = "gave-up-after-retries" }, cancellationToken);
        log.LogError("Gave up on delivery {Delivery} of {Campaign} after repeated failures; it is recorded as failed.", request.DeliveryId, request.Campaign);
    }

    /// <summary>The same for every attempt at one part of one delivery.</summary>
    public static Guid IdempotencyKey(DeliveryRecord delivery, int part, int parts) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"delivery/{delivery.Campaign}/{delivery.DeliveryId}/{part}/{parts}"))[..16]);

    /// <summary>Marks the delivery "sending" (one more attempt), unless it is already sent, covered or failed for good.</summary>
    private async Task<(DeliveryRecord, Campaign)?> ClaimAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await deliveries.FindAsync(request.Campaign, request.DeliveryId, cancellationToken) is not { } found)
            {
                log.LogWarning("Delivery {Delivery} of {Campaign} is not recorded; nothing sent.", request.DeliveryId, request.Campaign);
                return null;
            }
            var delivery = found.Delivery;
            if (delivery.State is DeliveryState.Sent or DeliveryState.Covered or DeliveryState.Failed)
            {
                log.LogInformation("Delivery {Delivery} of {Campaign} is already {State}; nothing sent again.", delivery.DeliveryId, delivery.Campaign, delivery.State);
                return null;
            }
            if (await campaigns.FindAsync(request.Campaign, cancellationToken) is not { } campaign)
            {
                await RecordAsync(delivery, d => d with { State = DeliveryState.Failed, Failure = "campaign-not-found" }, cancellationToken);
                log.LogWarning("Campaign {Campaign} no longer exists; delivery {Delivery} failed.", request.Campaign, request.DeliveryId);
                return null;
            }
            var sending = delivery with { State = DeliveryState.Sending, Attempts = delivery.Attempts + 1, StartedAt = delivery.StartedAt ?? time.GetUtcNow() };
            if (await deliveries.TryReplaceAsync(sending, found.Version, cancellationToken)) return (sending, campaign);
            if (attempt >= ConcurrencyRetries) throw new InvalidOperationException($"Delivery {request.DeliveryId} of {request.Campaign} kept changing; the queue retries.");
        }
    }

    /// <summary>Read, change, write with the row's ETag; read again if someone else wrote first.</summary>
    private async Task RecordAsync(DeliveryRecord delivery, Func<DeliveryRecord, DeliveryRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await deliveries.FindAsync(delivery.Campaign, delivery.DeliveryId, cancellationToken) is not { } found) return;
            if (await deliveries.TryReplaceAsync(change(found.Delivery), found.Version, cancellationToken)) return;
            if (attempt >= ConcurrencyRetries) throw new InvalidOperationException($"Delivery {delivery.DeliveryId} of {delivery.Campaign} kept changing.");
        }
    }
}
