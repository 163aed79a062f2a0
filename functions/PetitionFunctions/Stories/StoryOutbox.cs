using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.Stories;

/// <summary>
/// Stories in the email outbox: the one email a writer can get, a receipt with the link that withdraws
/// the story, sent only when they asked for it and left an email address. A deleted story gets nothing.
/// </summary>
public sealed class StoryOutbox(CampaignTable campaigns, StoryTable stories, LinkTokens tokens, PublicLinks links, PersonalDataCipher cipher) : IEmailRecords
{
    public const string WithdrawPurpose = "withdraw-story";

    /// <summary>Withdraw links are honoured however old they are (see <see cref="StoryWithdrawal"/>); the expiry in the token is only a formality.</summary>

    public string Name => "story";

    public string Queue => StorageNames.StoryEmailsQueue;

    public OutboxRows Outbox => stories.Outbox;

    public bool CanHold(Campaign campaign) => campaign.Kind == CampaignKind.Stories;

    public async Task<EmailMessage?> ComposeAsync(EmailRequest request, CancellationToken cancellationToken)
    {
        var story = await stories.FindAsync(request.Campaign, request.Key, cancellationToken);
        if (story is null || !story.WantsEmail || story.EmailSent || story.EmailFailure is not null || story.ContactKind != "email") return null;
        if (await campaigns.FindAsync(request.Campaign, cancellationToken) is not { } campaign) return null;
        if (StoryFields.Unprotect(cipher, story, StoryFields.Contact) is not { } address) return null;

        var name = StoryFields.Unprotect(cipher, story, StoryFields.Name);
        return StoryEmails.Receipt(campaign, address, name, story.Language, WithdrawLink(campaign.Slug, story.Id, story.Language));
    }

    public Task RecordSentAsync(EmailRequest request, CancellationToken cancellationToken) =>
        stories.RecordEmailSentAsync(request.Campaign, request.Key, cancellationToken);

    public Task RecordFailureAsync(EmailRequest request, string failure, DateTimeOffset at, CancellationToken cancellationToken) =>
        stories.RecordEmailFailureAsync(request.Campaign, request.Key, failure, cancellationToken);

    /// <summary>The withdraw link, with the story's language (<c>?lang=</c>) so its pages speak it even once the story is gone.</summary>
    public Uri WithdrawLink(string campaign, string story, Language language) =>
        links.WithToken($"api/stories/withdraw?lang={language.Code()}", tokens.Create(WithdrawPurpose, campaign, story, LinkTokens.WithdrawLifetime));
}
