using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

public sealed partial class SignatureAdmin
{
    /// <summary>
    /// Clears the flag intake set (over a rate limit): a confirmed signature counts from the next roll-up, an
    /// unconfirmed one gets the confirmation email intake held back. Doing it twice changes nothing.
    /// </summary>
    public async Task<SignatureAdminOutcome> ReleaseAsync(string slug, string key, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return new SignatureAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        if (!IsKey(key)) return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);
        var before = await signatures.FindWithModifiedAsync(slug, key, cancellationToken);
        if (before is null) return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);

        if (await signatures.ReleaseAsync(slug, key, time.GetUtcNow(), cancellationToken) is not { } release)
            return new SignatureAdminOutcome.Refused(ProblemKind.SignatureNotFound);
        if (release.Owed is { } owed) await emails.QueueAsync(owed);
        if (before.Signature.Flag is { } flag)
            log.LogInformation("Signature {Signature} on {Campaign} released from its {Flag} flag by {Actor}.", LogRefs.Of(key), slug, flag, actor);
        return new SignatureAdminOutcome.One(Represent(release.Signature, CollectionOf(slug)));
    }
}
