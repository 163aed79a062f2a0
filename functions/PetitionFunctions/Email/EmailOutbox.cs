using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Email;

/// <summary>
/// The one email outbox. Intake stores a record with its outbox row, then queues the request
/// (<see cref="QueueAsync"/>); the queue consumer sends it (<see cref="SendAsync"/>) and clears the row.
/// A message that runs out of queue tries reaches the poison queue (<see cref="RetryLaterOrGiveUpAsync"/>):
/// its row is parked for a later round while <see cref="EmailRetryRounds"/> allows, then the failure is
/// recorded. The relay timer (<see cref="RelayAsync"/>) queues again every row left too long: the queue was
/// out of reach, the process stopped, the message was lost, or a parked round is due.
/// </summary>
public sealed class EmailOutbox<TRecords>(
    TRecords records,
    CampaignTable campaigns,
    QueueServiceClient queues,
    IEmailTransport transport,
    EmailRetryRounds rounds,
    MailboxAllowance mailboxes,
    SendingBudget budget,
    TimeProvider time,
    ILogger<EmailOutbox<TRecords>> log)
    where TRecords : IEmailRecords
{
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);

    private QueueClient QueueFor(EmailRequest request) => _queues.GetOrAdd(records.QueueFor(request), queues.GetQueueClient);

    /// <summary>
    /// Queues a request whose record and outbox row are stored. Called once the record is stored, so it
    /// finishes even if the client hangs up; if the queue is out of reach, the row stays and the relay
    /// queues the message later, so the signer's answer need not wait or fail.
    /// </summary>
    public async Task QueueAsync(EmailRequest request)
    {
        try
        {
            await QueueFor(request).SendMessageAsync(request.ToJson(), CancellationToken.None);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("The {Kind} email for {Record} {Key} on {Campaign} is stored but not queued yet ({Failure}); the outbox relay will queue it.",
                request.Kind, records.Name, request.LogRef, request.Campaign, e.GetType().Name);
        }
    }

    /// <summary>
    /// Sends the email a queued request asks for. Safe to run twice: the record says whether it is still
    /// due, and the transport gets the same idempotency key on every attempt. A transient transport
    /// failure throws, so the queue tries again and the outbox row stays.
    /// </summary>
    /// <exception cref="FormatException">The message is not an email request; it goes to the poison queue.</exception>
    public async Task SendAsync(string message, CancellationToken cancellationToken)
    {
        var request = EmailRequest.Parse(message);
        if (await SendDueEmailAsync(request, cancellationToken)) await records.Outbox.ClearAsync(request, cancellationToken);
    }

    /// <returns>False when the email waits for its inbox's share (<see cref="MailboxLimits"/>) or the app's budget (<see cref="SendingBudget"/>) and its outbox row must stay.</returns>
    private async Task<bool> SendDueEmailAsync(EmailRequest request, CancellationToken cancellationToken)
    {
        if (await records.ComposeAsync(request, cancellationToken) is not { } email)
        {
            log.LogInformation("No {Kind} email for {Record} {Key} on {Campaign} (request {Sequence}): not due.",
                request.Kind, records.Name, request.LogRef, request.Campaign, request.Sequence);
            return true;
        }
        var idempotencyKey = IdempotencyKey(request, email.RecordInstance);
        switch (await mailboxes.TakeAsync(email.To.Address, idempotencyKey.ToString("n"), cancellationToken))
        {
            case MailboxVerdict.Later later:
                await records.Outbox.HoldAsync(request, later.At, cancellationToken);
                log.LogInformation("The {Kind} email for {Record} {Key} on {Campaign} waits until {At:u}: its inbox had its share of the last ten minutes.",
                    request.Kind, records.Name, request.LogRef, request.Campaign, later.At);
                return false;
            case MailboxVerdict.Full:
                await records.RecordFailureAsync(request, MailboxLimits.Failure, time.GetUtcNow(), cancellationToken);
                log.LogWarning("The {Kind} email for {Record} {Key} on {Campaign} was not sent: its inbox had its share of the day.",
                    request.Kind, records.Name, request.LogRef, request.Campaign);
                return true;
        }
        if (await budget.TakeAsync(cancellationToken) is { } due)
        {
            await records.Outbox.HoldAsync(request, due, cancellationToken);
            log.LogInformation("The {Kind} email for {Record} {Key} on {Campaign} waits until {At:u}: this minute's email budget is spent.",
                request.Kind, records.Name, request.LogRef, request.Campaign, due);
            return false;
        }
        switch (await transport.SendAsync(email, idempotencyKey, cancellationToken))
        {
            case EmailSendResult.Rejected rejected:
                await records.RecordFailureAsync(request, rejected.Reason, time.GetUtcNow(), cancellationToken);
                log.LogWarning("The {Kind} email for {Record} {Key} on {Campaign} was refused for good ({Reason}); no more will be sent.",
                    request.Kind, records.Name, request.LogRef, request.Campaign, rejected.Reason);
                break;
            default:
                await records.RecordSentAsync(request, cancellationToken);
                log.LogInformation("Sent the {Kind} email for {Record} {Key} on {Campaign} (request {Sequence}).",
                    request.Kind, records.Name, request.LogRef, request.Campaign, request.Sequence);
                break;
        }
        return true;
    }

    /// <summary>
    /// For a message that failed host.json's maxDequeueCount times and reached the poison queue. While
    /// <see cref="EmailRetryRounds"/> allows, the outbox row is parked and the relay queues it again later;
    /// after the last round the failure is recorded on the record and the row is cleared. A message whose
    /// row is gone was handled meanwhile (or replaced by a newer request) and needs nothing.
    /// </summary>
    public async Task RetryLaterOrGiveUpAsync(string message, CancellationToken cancellationToken)
    {
        if (EmailRequest.TryParse(message) is not { } request)
        {
            log.LogError("An unreadable message reached {Queue} and was dropped.", StorageNames.PoisonQueue(records.Queue));
            return;
        }
        if (await records.Outbox.FailedRoundsAsync(request, cancellationToken) is not { } before)
        {
            log.LogInformation("The {Kind} email for {Record} {Key} on {Campaign} reached the poison queue but was handled meanwhile.",
                request.Kind, records.Name, request.LogRef, request.Campaign);
            return;
        }
        var failedRounds = before + 1;
        if (rounds.NextTryAt(failedRounds, time.GetUtcNow()) is { } retryAt)
        {
            await records.Outbox.ParkAsync(request, failedRounds, retryAt, cancellationToken);
            log.LogWarning("The {Kind} email for {Record} {Key} on {Campaign} failed {Rounds} round(s) of tries; the relay sends it again at {RetryAt:u}.",
                request.Kind, records.Name, request.LogRef, request.Campaign, failedRounds, retryAt);
            return;
        }
        await records.RecordFailureAsync(request, EmailRetryRounds.GaveUp, time.GetUtcNow(), cancellationToken);
        await records.Outbox.ClearAsync(request, cancellationToken);
        log.LogError("Gave up on the {Kind} email for {Record} {Key} on {Campaign} after {Rounds} rounds of tries; it is recorded on the {Record}.",
            request.Kind, records.Name, request.LogRef, request.Campaign, failedRounds, records.Name);
    }

    private const int RelayParallelism = 16;

    /// <summary>Queues again every outbox row that is due; returns how many.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var relayed = 0;
        // After an outage the backlog can be large: rows are relayed several at a time, each on its own.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = RelayParallelism, CancellationToken = cancellationToken };
        foreach (var campaign in (await campaigns.ListAsync(cancellationToken)).Where(records.CanHold))
        {
            await Parallel.ForEachAsync(records.Outbox.DueAsync(campaign.Slug, now, cancellationToken), parallel, async (entry, token) =>
            {
                // Postponed first: the message may fail its tries and park the row again before this relay moves on.
                if (!await records.Outbox.PostponeAsync(entry, now + entry.NextWait, token)) return;
                await QueueFor(entry.Request).SendMessageAsync(entry.Request.ToJson(), token);
                Interlocked.Increment(ref relayed);
            });
        }
        if (relayed > 0) log.LogWarning("Relayed {Count} {Record} email messages still in the outbox.", relayed, records.Name);
        return relayed;
    }

    /// <summary>The same for every attempt at one email of one record, different for its next email and for any other record's.</summary>
    /// <param name="recordInstance"><see cref="EmailMessage.RecordInstance"/>.</param>
    public Guid IdempotencyKey(EmailRequest request, string? recordInstance = null) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{records.Name}/{request.Campaign}/{request.Key}/{request.Sequence}/{recordInstance}"))[..16]);
}
