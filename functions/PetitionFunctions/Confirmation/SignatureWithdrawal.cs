using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// The withdraw link in every email a signer gets (signed, purpose "withdraw", so a confirm link cannot
/// withdraw nor this one confirm). Opening it (GET) changes nothing, since mail scanners open links
/// before people do; the page's one button posts to the same address and withdraws the signature
/// (<see cref="SignatureTable.WithdrawAsync"/>): it stops counting at the next roll-up and its personal
/// details are deleted. Idempotent. The link works for <see cref="LinkTokens.WithdrawLifetime"/> and
/// only for the signature it was emailed for.
/// </summary>
public sealed class SignatureWithdrawal(LinkTokens tokens, SignatureTable signatures, TimeProvider time, ILogger<SignatureWithdrawal> log)
{
    public Task<WithdrawOutcome> CheckAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        RunAsync(token, browserLanguage, withdraw: false, cancellationToken);

    public Task<WithdrawOutcome> WithdrawAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        RunAsync(token, browserLanguage, withdraw: true, cancellationToken);

    private async Task<WithdrawOutcome> RunAsync(string token, Language browserLanguage, bool withdraw, CancellationToken cancellationToken)
    {
        if (tokens.Read(LinkTokens.WithdrawPurpose, token) is not { } claims) return new WithdrawOutcome.NotValid(browserLanguage);
        try
        {
            var signature = await signatures.FindAsync(claims.Campaign, claims.SignatureKey, cancellationToken);
            // Only a withdrawal, an erasure or an anonymisation takes a signature from under its key: it is gone for good.
            if (signature is null) return new WithdrawOutcome.Withdrawn(browserLanguage);
            // A link emailed for an earlier signature under this key (withdrawn, then signed again) withdraws nothing.
            if (!signature.IsNamedBy(claims.Generation)) return new WithdrawOutcome.NotValid(browserLanguage);
            if (signature.State == SignatureState.Withdrawn) return new WithdrawOutcome.Withdrawn(signature.Language);
            if (tokens.HasExpired(claims)) return new WithdrawOutcome.Expired(signature.Language);
            if (!withdraw) return new WithdrawOutcome.Held(signature.Language);

            var withdrawal = await signatures.WithdrawAsync(claims.Campaign, claims.SignatureKey, time.GetUtcNow(), WithdrawnBy.Signer, cancellationToken);
            if (withdrawal is null) return new WithdrawOutcome.Withdrawn(signature.Language);
            if (withdrawal.Changed)
                log.LogInformation("Signature {Signature} on {Campaign} was withdrawn by its signer (was counted: {Counted}).",
                    LogRefs.Of(claims.SignatureKey), claims.Campaign, withdrawal.WasCounted);
            return new WithdrawOutcome.Withdrawn(signature.Language);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while withdrawing a signature on {Campaign} ({Failure}).", claims.Campaign, e.GetType().Name);
            return new WithdrawOutcome.Unavailable(browserLanguage);
        }
    }
}
