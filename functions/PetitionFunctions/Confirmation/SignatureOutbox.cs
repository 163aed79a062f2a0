using System.Globalization;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// Signatures in the email outbox: the confirmation email, or "you have already signed" to someone who
/// signs again, each with a withdraw link, in the signer's language. A signature gets at most
/// <see cref="EmailAllowance.MaxEmailsPerSignature"/> emails, each numbered so it goes out once. A signature
/// stored with its rate limits still due has them applied here first: over them, it is flagged and sent nothing.
/// </summary>
public sealed class SignatureOutbox(
    CampaignReads campaigns,
    SignatureTable signatures,
    LinkTokens tokens,
    PublicLinks links,
    PersonalDataCipher cipher,
    SubmissionGuard guard,
    IOptions<EmailOptions> options) : IEmailRecords
{
    public string Name => "signature";

    public string Queue => StorageNames.ConfirmationsQueue;

    public string QueueFor(EmailRequest request) => QueueFor(request.Key, options.Value.ConfirmationQueues);

    /// <summary>The shard of the signature's partition (the key's first hex digit), so every email of one signature takes one queue.</summary>
    public static string QueueFor(string key, int shards)
    {
        shards = Math.Clamp(shards, 1, StorageNames.ConfirmationQueues.Length);
        var digit = key.Length > 0 && Uri.IsHexDigit(key[0]) ? Convert.ToInt32(key[..1], 16) : 0;
        return StorageNames.ConfirmationQueues[digit % shards];
    }

    public OutboxRows Outbox => signatures.Outbox;

    public bool CanHold(Campaign campaign) => true;

    public async Task<EmailMessage?> ComposeAsync(EmailRequest request, CancellationToken cancellationToken)
    {
        var signature = await signatures.FindAsync(request.Campaign, request.Key, cancellationToken);
        if (signature is null || !EmailAllowance.ShouldSend(signature, request.Sequence, request.Kind)) return null;
        // From the instance's memory: every email reading the campaign's one row would make it the hottest in storage.
        if ((await campaigns.FindAsync(request.Campaign))?.Campaign is not { } campaign) return null;
        if (signature.LimitsDue)
        {
            var flag = await guard.FlagLaterAsync(campaign, "A signature", signature.IpHash, cancellationToken);
            await signatures.SettleLimitsAsync(campaign.Slug, signature.Key, flag, cancellationToken);
            if (flag is not null) return null;
        }

        var signer = PersonalDetails.Unprotect(cipher, signature.Campaign, signature.Key, signature.ProtectedPersonalData);
        var withdrawLink = links.Withdraw(tokens.Create(LinkTokens.WithdrawPurpose, campaign.Slug, signature.Key, LinkTokens.WithdrawLifetime, signature.Generation), signature.Language);
        var email = request.Kind == EmailKind.AlreadySigned && signature.ConfirmedAt is { } confirmedAt
            ? ConfirmationEmails.AlreadySigned(campaign, signer, signature.Language, confirmedAt, withdrawLink)
            : ConfirmationEmails.Confirm(campaign, signer, signature.Language,
                links.Confirm(tokens.Create(LinkTokens.ConfirmPurpose, campaign.Slug, signature.Key, LinkTokens.ConfirmLifetime, signature.Generation)), withdrawLink);
        return email with { RecordInstance = signature.Generation.ToString(CultureInfo.InvariantCulture) };
    }

    public Task RecordSentAsync(EmailRequest request, CancellationToken cancellationToken) =>
        signatures.RecordEmailSentAsync(request.Campaign, request.Key, request.Sequence, cancellationToken);

    public Task RecordFailureAsync(EmailRequest request, string failure, DateTimeOffset at, CancellationToken cancellationToken) =>
        signatures.RecordEmailFailureAsync(request.Campaign, request.Key, failure, at, cancellationToken);
}
