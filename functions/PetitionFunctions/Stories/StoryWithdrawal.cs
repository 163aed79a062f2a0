using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Stories;

/// <summary>
/// The withdraw link of a story's receipt email (signed, purpose "withdraw-story"). Opening it (GET)
/// changes nothing: mail scanners open links before people do, and a scanner must not delete a story.
/// The page it shows has one button, which posts to the same address and deletes the story for good.
/// Both are idempotent: once the story is gone every open and every post shows "withdrawn". The link
/// works for <see cref="LinkTokens.WithdrawLifetime"/>.
/// </summary>
public sealed class StoryWithdrawal(LinkTokens tokens, StoryTable stories, StoryReads reads, ILogger<StoryWithdrawal> log)
{
    public async Task<WithdrawOutcome> CheckAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        await RunAsync(token, browserLanguage, withdraw: false, cancellationToken);

    public async Task<WithdrawOutcome> WithdrawAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        await RunAsync(token, browserLanguage, withdraw: true, cancellationToken);

    private async Task<WithdrawOutcome> RunAsync(string token, Language browserLanguage, bool withdraw, CancellationToken cancellationToken)
    {
        if (tokens.Read(StoryOutbox.WithdrawPurpose, token) is not { } claims) return new WithdrawOutcome.NotValid(browserLanguage);
        try
        {
            var story = await stories.FindAsync(claims.Campaign, claims.SignatureKey, cancellationToken);
            if (story is null) return new WithdrawOutcome.Withdrawn(browserLanguage);
            if (tokens.HasExpired(claims)) return new WithdrawOutcome.Expired(story.Language);
            if (!withdraw) return new WithdrawOutcome.Held(story.Language);

            await stories.DeleteAsync(story.Campaign, story.Id, cancellationToken);
            reads.Forget(story.Campaign);
            log.LogInformation("Story {Story} on {Campaign} was withdrawn by its writer and deleted.", story.Id, story.Campaign);
            return new WithdrawOutcome.Withdrawn(story.Language);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while withdrawing a story on {Campaign} ({Failure}).", claims.Campaign, e.GetType().Name);
            return new WithdrawOutcome.Unavailable(browserLanguage);
        }
    }
}
