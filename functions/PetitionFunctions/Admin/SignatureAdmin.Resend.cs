using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Admin;

public sealed partial class SignatureAdmin
{
    /// <summary>
    /// Sends an unconfirmed signature its confirmation email again (after a refused address was fixed at
    /// the provider, or retries ran out): the failure record is cleared and the email queued, as intake
    /// queues it. If the queue is out of reach the outbox row stays and the relay queues it.
    /// </summary>
    public async Task<SignatureAdminOutcome> ResendAsync(string slug, string key, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new SignatureAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        if (!IsKey(key) || await signatures.FindAsync(slug, key, cancellationToken) is null)
            return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);
        if (await signatures.RequestResendAsync(slug, key, time.GetUtcNow(), cancellationToken) is not { } pending)
            return new SignatureAdminOutcome.Refused(ProblemKind.NothingToResend);
        await emails.QueueAsync(pending);
        log.LogInformation("Signature {Signature} on {Campaign}: confirmation email sent again at the request of {Actor}.", LogRefs.Of(key), slug, actor);
        var after = await signatures.FindWithModifiedAsync(slug, key, cancellationToken);
        return after is null ? new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound) : new SignatureAdminOutcome.One(Represent(after, CollectionOf(slug)));
    }
}
