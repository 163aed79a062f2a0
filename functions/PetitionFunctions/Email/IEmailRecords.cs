using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Email;

/// <summary>
/// What the outbox needs to know about one kind of record that is owed emails (signatures,
/// endorsements, stories). Everything else (queuing, sending once, the rounds of retries, the relay)
/// is <see cref="EmailOutbox{TRecords}"/>, the same for every kind.
/// </summary>
public interface IEmailRecords
{
    /// <summary>"signature", "endorsement" or "story": in logs and in the transport's idempotency keys.</summary>
    string Name { get; }

    /// <summary>The queue the emails wait in; its poison queue is <see cref="StorageNames.PoisonQueue"/> of it.</summary>
    string Queue { get; }

    /// <summary>The queue one request goes to: <see cref="Queue"/>, unless the kind spreads its requests over shards.</summary>
    string QueueFor(EmailRequest request) => Queue;

    /// <summary>The outbox rows, in the records' own table.</summary>
    OutboxRows Outbox { get; }

    /// <summary>Whether a campaign can hold these records: the relay looks only there.</summary>
    bool CanHold(Campaign campaign);

    /// <summary>The email the request asks for, or null when it is no longer due (sent already, confirmed, erased, gone).</summary>
    Task<EmailMessage?> ComposeAsync(EmailRequest request, CancellationToken cancellationToken);

    Task RecordSentAsync(EmailRequest request, CancellationToken cancellationToken);

    /// <summary>Records on the record why its email failed for good (a refused address, or the last round of retries); no more is sent.</summary>
    Task RecordFailureAsync(EmailRequest request, string failure, DateTimeOffset at, CancellationToken cancellationToken);
}
