using System.Text.Json;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>How a submission stands with the rate limits: the flag to store, or the wait a strict client is told; and the address's hash.</summary>
public sealed record LimitDecision(string? Flag, TimeSpan? RetryAfter, string? IpHash)
{
    /// <summary>The 429 a strict client over the limits is answered with; null when the submission is taken.</summary>
    public IntakeOutcome.Refused? Refusal(Language language) =>
        RetryAfter is { } wait ? new IntakeOutcome.Refused(language, ProblemKind.RateLimited) { RetryAfter = wait } : null;
}

/// <summary>
/// The honeypot and the per-address rate limits of every intake: signatures (through <see cref="SignatureGuard"/>,
/// which puts the captcha between them), endorsements and stories. Over the limit a submission is stored
/// flagged (a signature then is not counted; an endorsement or story is moderated anyway and the flag tells
/// the moderator), or refused with a 429 for a client that asked for it.
/// </summary>
public sealed class SubmissionGuard(RateLimiter rateLimits, SenderHashes hashes, ILogger<SubmissionGuard> log)
{
    /// <summary>The honeypot's name in endorsement and story forms and JSON: not "website", which a letter's endorse form uses for real.</summary>
    public const string HoneypotField = "homepage_url";

    /// <summary>
    /// Endorsements and stories: the honeypot, then the limits. A valid submission is recorded (with the limits'
    /// flag for the moderators), a bot's is dropped quietly (answered as if received), and over the limits a
    /// client that asked for a 429 gets the refusal instead.
    /// </summary>
    /// <param name="what">"An endorsement" or "A story": how the log line starts.</param>
    /// <param name="record">Stores the submission, given the flag.</param>
    public async Task<IntakeOutcome.Refused?> TakeAsync(Campaign campaign, string what, string? honeypot, Requester requester, Language language,
        Func<string?, Task> record, CancellationToken cancellationToken)
    {
        if (Trapped(campaign, what, honeypot)) return null;
        var limit = await LimitAsync(campaign, what, requester, cancellationToken);
        if (limit.Refusal(language) is { } refused) return refused;
        await record(limit.Flag);
        return null;
    }

    /// <summary>Whether a bot filled the honeypot; if so, one log line naming the campaign only.</summary>
    public bool Trapped(Campaign campaign, string what, string? honeypot)
    {
        if (string.IsNullOrEmpty(honeypot)) return false;
        log.LogInformation("{What} for {Campaign} filled the honeypot field; answered as received, not stored.", what, campaign.Slug);
        return true;
    }

    /// <summary>Takes the address's slots: under the limits no flag; over them a flag, or for a strict client the wait before a 429.</summary>
    public async Task<LimitDecision> LimitAsync(Campaign campaign, string what, Requester requester, CancellationToken cancellationToken)
    {
        var ipHash = requester.Address is { } address ? hashes.ForAddress(address) : null;
        var limit = await rateLimits.CheckAsync(campaign, ipHash, cancellationToken);
        if (!limit.Over) return new LimitDecision(null, null, ipHash);
        LogOver(campaign, what, ipHash, requester.WantsStrictRateLimits ? "answered 429" : "stored flagged");
        return requester.WantsStrictRateLimits
            ? new LimitDecision(null, limit.RetryAfter, ipHash)
            : new LimitDecision(SignatureFlags.RateLimit, null, ipHash);
    }

    /// <summary>
    /// The limits of a submission stored without them (<see cref="SignatureRecord.LimitsDue"/>), applied by its
    /// email job at the time it runs: the flag to set, or null when under them.
    /// </summary>
    public async Task<string?> FlagLaterAsync(Campaign campaign, string what, string? ipHash, CancellationToken cancellationToken)
    {
        if (!(await rateLimits.CheckAsync(campaign, ipHash, cancellationToken)).Over) return null;
        LogOver(campaign, what, ipHash, "flagged by its email job, which sends nothing");
        return SignatureFlags.RateLimit;
    }

    // Information, not a warning: a flood would write one line per post; the hourly trends raise the alarm.
    private void LogOver(Campaign campaign, string what, string? ipHash, string action) =>
        log.LogInformation("{What} for {Campaign} from address {IpHash} is over the rate limits; {Action}.",
            what, campaign.Slug, ipHash is null ? null : LogRefs.Of(ipHash), action);

    /// <summary>A JSON honeypot counts as filled with any value but null, "" or false: a bot may put anything there.</summary>
    public static string? HoneypotOf(JsonElement root, string name = HoneypotField) =>
        root.TryGetProperty(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.String => value.GetString()!.Length > 0,
            _ => true,
        }
            ? value.GetRawText()
            : null;
}
