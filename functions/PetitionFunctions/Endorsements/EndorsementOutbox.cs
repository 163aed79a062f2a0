using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// Endorsements in the email outbox: one confirmation email per endorsement, with a link (token
/// purpose "endorse") through the same public address as signatures'. None once the endorsement is
/// confirmed, its email failed for good, or its signer was erased.
/// </summary>
public sealed class EndorsementOutbox(CampaignTable campaigns, EndorsementTable endorsements, LinkTokens tokens, PublicLinks links, PersonalDataCipher cipher) : IEmailRecords
{
    public const string Purpose = "endorse";

    public string Name => "endorsement";

    public string Queue => StorageNames.EndorsementConfirmationsQueue;

    public OutboxRows Outbox => endorsements.Outbox;

    public bool CanHold(Campaign campaign) => campaign.Kind == CampaignKind.Letter;

    public async Task<EmailMessage?> ComposeAsync(EmailRequest request, CancellationToken cancellationToken)
    {
        var endorsement = await endorsements.FindAsync(request.Campaign, request.Key, cancellationToken);
        if (endorsement is null || endorsement.EmailsSent > 0 || endorsement.EmailFailure is not null || endorsement.State == EndorsementState.Confirmed
            || endorsement.SignerErased) return null;
        if (await campaigns.FindAsync(request.Campaign, cancellationToken) is not { } campaign) return null;

        var link = ConfirmLink(tokens.Create(Purpose, campaign.Slug, endorsement.Key, LinkTokens.ConfirmLifetime));
        return EndorsementEmails.Confirm(campaign, endorsement, endorsement.Details(cipher), link);
    }

    public Task RecordSentAsync(EmailRequest request, CancellationToken cancellationToken) =>
        endorsements.RecordEmailSentAsync(request.Campaign, request.Key, cancellationToken);

    public Task RecordFailureAsync(EmailRequest request, string failure, DateTimeOffset at, CancellationToken cancellationToken) =>
        endorsements.RecordEmailFailureAsync(request.Campaign, request.Key, failure, at, cancellationToken);

    public Uri ConfirmLink(string token) => links.WithToken("api/endorsements/confirm", token);
}
