using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Endorsements;

public abstract record EndorsementConfirmOutcome(Language Language)
{
    public sealed record Confirmed(Campaign Campaign, StoredEndorsement Endorsement) : EndorsementConfirmOutcome(Endorsement.Language);

    public sealed record Expired(Language Language) : EndorsementConfirmOutcome(Language);

    public sealed record NotValid(Language Language) : EndorsementConfirmOutcome(Language);

    public sealed record Unavailable(Language Language) : EndorsementConfirmOutcome(Language);
}

/// <summary>
/// Opens an endorsement's confirm link. Mail scanners open links before people do, so it is idempotent:
/// the first open confirms, every later open shows the same page. A token made for a signature ("confirm")
/// does not work here, nor the other way round.
/// </summary>
public sealed class EndorsementConfirmation(
    LinkTokens tokens,
    EndorsementTable endorsements,
    CampaignTable campaigns,
    TimeProvider time,
    ILogger<EndorsementConfirmation> log)
{
    public async Task<EndorsementConfirmOutcome> ConfirmAsync(string token, Language browserLanguage, CancellationToken cancellationToken)
    {
        if (tokens.Read(EndorsementOutbox.Purpose, token) is not { } claims) return new EndorsementConfirmOutcome.NotValid(browserLanguage);
        try
        {
            var endorsement = await endorsements.FindAsync(claims.Campaign, claims.SignatureKey, cancellationToken);
            var campaign = await campaigns.FindAsync(claims.Campaign, cancellationToken);
            if (endorsement is null || campaign is null) return new EndorsementConfirmOutcome.NotValid(browserLanguage);
            if (endorsement.State == EndorsementState.Confirmed) return new EndorsementConfirmOutcome.Confirmed(campaign, endorsement);
            if (tokens.HasExpired(claims)) return new EndorsementConfirmOutcome.Expired(endorsement.Language);

            var confirmed = await endorsements.ConfirmAsync(claims.Campaign, claims.SignatureKey, time.GetUtcNow(), cancellationToken);
            if (confirmed is null) return new EndorsementConfirmOutcome.NotValid(browserLanguage);
            log.LogInformation("Endorsement {Endorsement} on {Campaign} confirmed by email{Verified}.", LogRefs.Of(claims.SignatureKey),
                claims.Campaign, confirmed.DomainVerified ? " from the organisation's own domain" : "");
            return new EndorsementConfirmOutcome.Confirmed(campaign, confirmed);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while confirming an endorsement on {Campaign} ({Failure}).", claims.Campaign, e.GetType().Name);
            return new EndorsementConfirmOutcome.Unavailable(browserLanguage);
        }
    }
}
