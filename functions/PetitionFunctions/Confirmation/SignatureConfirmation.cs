using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Confirmation;

public abstract record ConfirmOutcome(Language Language)
{
    /// <param name="AwaitsReview">Set aside by intake (over a rate limit): confirmed, but counted only once an admin releases it.</param>
    public sealed record Confirmed(Campaign Campaign, Language Language, bool AwaitsReview) : ConfirmOutcome(Language);

    public sealed record Expired(Language Language) : ConfirmOutcome(Language);

    /// <summary>The signature was withdrawn: its old confirm link cannot bring it back.</summary>
    public sealed record Withdrawn(Language Language) : ConfirmOutcome(Language);

    public sealed record NotValid(Language Language) : ConfirmOutcome(Language);

    public sealed record Unavailable(Language Language) : ConfirmOutcome(Language);
}

/// <summary>
/// Opens a confirm link. Mail scanners open links before people do, so this is idempotent: the first
/// open confirms (and appends the journal row), every later open shows the same confirmed page.
/// </summary>
public sealed class SignatureConfirmation(
    LinkTokens tokens,
    SignatureTable signatures,
    CampaignReads campaigns,
    TimeProvider time,
    ILogger<SignatureConfirmation> log)
{
    public async Task<ConfirmOutcome> ConfirmAsync(string token, Language browserLanguage, CancellationToken cancellationToken)
    {
        if (tokens.Read(LinkTokens.ConfirmPurpose, token) is not { } claims) return new ConfirmOutcome.NotValid(browserLanguage);
        try
        {
            var signature = await signatures.FindAsync(claims.Campaign, claims.SignatureKey, cancellationToken);
            // From the instance's memory, as intake reads it: on a busy day, every click reading the campaign's one row would make it the hottest in storage.
            var campaign = (await campaigns.FindAsync(claims.Campaign))?.Campaign;
            // Only a withdrawal, an erasure or an anonymisation takes a signature from under its key: it is gone for good.
            if (signature is null && campaign is not null) return new ConfirmOutcome.Withdrawn(browserLanguage);
            // A link emailed for an earlier signature under this key (withdrawn, then signed again) confirms nothing.
            if (signature is null || campaign is null || !signature.IsNamedBy(claims.Generation)) return new ConfirmOutcome.NotValid(browserLanguage);
            if (signature.State == SignatureState.Confirmed) return new ConfirmOutcome.Confirmed(campaign, signature.Language, signature.Flag is not null);
            if (signature.State == SignatureState.Withdrawn) return new ConfirmOutcome.Withdrawn(signature.Language);
            if (tokens.HasExpired(claims)) return new ConfirmOutcome.Expired(signature.Language);

            var confirmed = await signatures.ConfirmAsync(claims.Campaign, claims.SignatureKey, time.GetUtcNow(), cancellationToken);
            if (confirmed is null) return new ConfirmOutcome.NotValid(browserLanguage);
            log.LogInformation("Signature {Signature} on {Campaign} confirmed.", LogRefs.Of(claims.SignatureKey), claims.Campaign);
            return new ConfirmOutcome.Confirmed(campaign, confirmed.Language, confirmed.Flag is not null);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while confirming a signature on {Campaign} ({Failure}).", claims.Campaign, e.GetType().Name);
            return new ConfirmOutcome.Unavailable(browserLanguage);
        }
    }
}
