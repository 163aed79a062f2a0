using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.Stories;

/// <summary>
/// The message asking for a story's confirmation email: the campaign and the story's random id, nothing
/// else, and once its tries have run out, how many rounds of tries failed (see <see cref="StoryEmailSender.RetryLaterOrGiveUpAsync"/>).
/// </summary>
public sealed record StoryEmailRequest(
    string Campaign,
    string Story,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int FailedRounds = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StoryEmailRequest? TryParse(string message)
    {
        try { return Parse(message); }
        catch (FormatException) { return null; }
    }

    /// <exception cref="FormatException">The message is not a story email request; retrying will not help.</exception>
    public static StoryEmailRequest Parse(string message)
    {
        StoryEmailRequest? request;
        try { request = JsonSerializer.Deserialize<StoryEmailRequest>(message, Json); }
        catch (JsonException e) { throw new FormatException("The message is not a story email request.", e); }
        if (request is null || !Campaigns.Campaign.IsValidSlug(request.Campaign) || !StoryTable.IsStoryId(request.Story))
            throw new FormatException("The story email request names no campaign or story.");
        return request;
    }
}

public sealed class StoryEmailQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.StoryEmailsQueue);

    /// <summary>The longest a queue message can stay invisible.</summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromDays(7);

    public Task SendAsync(StoryEmailRequest request, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(request.ToJson(), cancellationToken);

    /// <summary>Queues a message that becomes visible only after a delay (at most <see cref="LongestDelay"/>) and does not expire.</summary>
    public Task SendLaterAsync(StoryEmailRequest request, TimeSpan delay, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(request.ToJson(), delay < LongestDelay ? delay : LongestDelay, TimeSpan.FromSeconds(-1), cancellationToken);
}

/// <summary>
/// The one email a story writer can get: a receipt with the link to withdraw the story, in the story's
/// language. It quotes nothing of the story (an inbox may be shared or watched) and its subject says
/// only that a story was received.
/// </summary>
public static class StoryEmails
{
    public static EmailMessage Receipt(Campaign campaign, string address, string? name, Language language, Uri withdrawLink)
    {
        var subject = StoryMessages.EmailSubject.In(language);
        var greeting = (name is null ? StoryMessages.GreetingWithoutName : StoryMessages.Greeting(name)).In(language);
        string[] lines = [StoryMessages.EmailThanks(campaign.Title).In(language), StoryMessages.EmailWithdraw.In(language)];
        var footer = StoryMessages.EmailFooter.In(language);

        var text = string.Join("\n\n", [greeting, .. lines, withdrawLink.AbsoluteUri, footer]) + "\n";
        var html = HtmlLayout.Document(language, subject,
            HtmlLayout.Paragraph(greeting) +
            HtmlLayout.Paragraphs(lines) +
            HtmlLayout.ButtonLink(withdrawLink, StoryMessages.EmailButton.In(language), HtmlLayout.WithdrawColour) +
            HtmlLayout.SmallPrint(withdrawLink.AbsoluteUri) +
            HtmlLayout.SmallPrint(footer),
            HtmlShell.Email);
        return new EmailMessage(new EmailAddress(address, name), subject, text, html);
    }
}

/// <summary>
/// Sends a queued story email. Safe to run twice: a story whose email is recorded as sent is skipped,
/// and the transport gets the same idempotency key on every attempt. A deleted story gets nothing.
/// </summary>
public sealed class StoryEmailSender(
    CampaignTable campaigns,
    StoryTable stories,
    StoryEmailQueue emails,
    IEmailTransport transport,
    LinkTokens tokens,
    PublicLinks links,
    PersonalDataCipher cipher,
    TimeProvider time,
    EmailRetryRounds rounds,
    ILogger<StoryEmailSender> log)
{
    public const string WithdrawPurpose = "withdraw-story";

    /// <summary>Withdraw links are honoured however old they are (see <see cref="StoryWithdrawal"/>); the expiry in the token is only a formality.</summary>
    public static readonly TimeSpan WithdrawLifetime = TimeSpan.FromDays(3650);

    public async Task SendAsync(StoryEmailRequest request, CancellationToken cancellationToken)
    {
        var story = await stories.FindAsync(request.Campaign, request.Story, cancellationToken);
        if (story is null || !story.WantsEmail || story.EmailSent || story.EmailFailure is not null)
        {
            log.LogInformation("No email for story {Story} on {Campaign}: not due (deleted, not asked for, or sent).", request.Story, request.Campaign);
            return;
        }
        var campaign = await campaigns.FindAsync(request.Campaign, cancellationToken);
        if (campaign is null)
        {
            log.LogWarning("Campaign {Campaign} no longer exists; no email for story {Story}.", request.Campaign, request.Story);
            return;
        }
        if (story.ContactKind != "email" || StoryFields.Unprotect(cipher, story, StoryFields.Contact) is not { } address)
        {
            log.LogWarning("Story {Story} on {Campaign} asked for an email but has no email address; none sent.", story.Id, campaign.Slug);
            return;
        }
        var name = StoryFields.Unprotect(cipher, story, StoryFields.Name);
        var email = StoryEmails.Receipt(campaign, address, name, story.Language, WithdrawLink(links, tokens, campaign.Slug, story.Id, story.Language));

        switch (await transport.SendAsync(email, IdempotencyKey(request), cancellationToken))
        {
            case EmailSendResult.Rejected rejected:
                await stories.RecordEmailFailureAsync(story.Campaign, story.Id, rejected.Reason, cancellationToken);
                log.LogWarning("The email for story {Story} on {Campaign} was refused for good ({Reason}).", story.Id, campaign.Slug, rejected.Reason);
                break;
            default:
                await stories.RecordEmailSentAsync(story.Campaign, story.Id, cancellationToken);
                log.LogInformation("Sent the receipt email for story {Story} on {Campaign}.", story.Id, campaign.Slug);
                break;
        }
    }

    /// <summary>
    /// For a message that reached the poison queue. A story's outbox row lives only until its message is
    /// queued, so a later round is the same message queued again, invisible until <see cref="EmailRetryRounds"/>
    /// says, carrying the count of failed rounds. After the last round the failure is recorded on the story.
    /// A story deleted, emailed or given up on meanwhile needs nothing.
    /// </summary>
    public async Task RetryLaterOrGiveUpAsync(string message, CancellationToken cancellationToken)
    {
        if (StoryEmailRequest.TryParse(message) is not { } request)
        {
            log.LogError("An unreadable message reached {Queue} and was dropped.", StorageNames.StoryEmailsPoisonQueue);
            return;
        }
        if (await stories.FindAsync(request.Campaign, request.Story, cancellationToken) is not { WantsEmail: true, EmailSent: false, EmailFailure: null })
        {
            log.LogInformation("The email for story {Story} on {Campaign} reached the poison queue but is no longer due.", request.Story, request.Campaign);
            return;
        }
        var failedRounds = request.FailedRounds + 1;
        var now = time.GetUtcNow();
        if (rounds.NextTryAt(failedRounds, now) is { } retryAt)
        {
            await emails.SendLaterAsync(request with { FailedRounds = failedRounds }, retryAt - now, cancellationToken);
            log.LogWarning("The email for story {Story} on {Campaign} failed {Rounds} round(s) of tries; it is queued again for {RetryAt:u}.",
                request.Story, request.Campaign, failedRounds, retryAt);
            return;
        }
        await stories.RecordEmailFailureAsync(request.Campaign, request.Story, EmailRetryRounds.GaveUp, cancellationToken);
        log.LogError("Gave up on the email for story {Story} on {Campaign} after {Rounds} rounds of tries; it is recorded on the story.",
            request.Story, request.Campaign, failedRounds);
    }

    /// <summary>The withdraw link, with the story's language (<c>?lang=</c>) so its pages speak it even once the story is gone.</summary>
    public static Uri WithdrawLink(PublicLinks links, LinkTokens tokens, string campaign, string story, Language language) =>
        new(links.BaseUrl, $"api/stories/withdraw/{tokens.Create(WithdrawPurpose, campaign, story, WithdrawLifetime)}?lang={language.Code()}");

    /// <summary>The same for every attempt at a story's one email.</summary>
    public static Guid IdempotencyKey(StoryEmailRequest request) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"story/{request.Campaign}/{request.Story}/receipt"))[..16]);
}

/// <summary>Sends the story emails that intake stored but could not queue. Rows younger than a minute are left to intake.</summary>
public sealed class StoryEmailRelay(CampaignTable campaigns, StoryTable stories, StoryEmailQueue emails, TimeProvider time, ILogger<StoryEmailRelay> log)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var writtenBefore = time.GetUtcNow() - Grace;
        var relayed = 0;
        foreach (var campaign in (await campaigns.ListAsync(cancellationToken)).Where(c => c.Kind == CampaignKind.Stories))
        {
            await foreach (var id in stories.PendingEmailsAsync(campaign.Slug, writtenBefore, cancellationToken))
            {
                await emails.SendAsync(new StoryEmailRequest(campaign.Slug, id), cancellationToken);
                await stories.ClearOutboxAsync(campaign.Slug, id, cancellationToken);
                relayed++;
            }
        }
        if (relayed > 0) log.LogWarning("Relayed {Count} story email messages that intake had not queued.", relayed);
        return relayed;
    }
}
