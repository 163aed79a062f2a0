using Azure.Data.Tables;

namespace PetitionFunctions.Email;

/// <summary>An outbox row due for the relay, with how many times the relay has queued its message already.</summary>
public sealed record OutboxEntry(EmailRequest Request, int Relays)
{
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(4);

    /// <summary>
    /// How long the relay leaves the row before queuing it again: the grace, doubled for each earlier relay,
    /// at most four hours. When the email consumer is far behind (a surge, a throttled provider), each
    /// relay adds a copy of every waiting message to the queue; doubling keeps that from snowballing.
    /// </summary>
    public TimeSpan NextWait => TimeSpan.FromTicks(Math.Min(OutboxRows.Grace.Ticks << Math.Min(Relays, 16), LongestWait.Ticks));
}
