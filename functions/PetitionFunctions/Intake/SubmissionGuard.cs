using System.Text.Json;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Intake;

/// <summary>What endorsement and story intake do with a valid submission once the bot checks have looked at it.</summary>
public abstract record SubmissionVerdict
{
    /// <summary>Store it, flagged for the moderators when <see cref="Flag"/> is set.</summary>
    public sealed record Take(string? Flag) : SubmissionVerdict;

    /// <summary>A bot filled the honeypot: answer as if received, store and send nothing.</summary>
    public sealed record Drop : SubmissionVerdict;

    /// <summary>Over the limits, and the client asked for a 429 rather than a flag.</summary>
    public sealed record TooMany(TimeSpan RetryAfter) : SubmissionVerdict;
}

/// <summary>
/// The honeypot and the per-address rate limits for endorsements and stories: the same limiter, slots and
/// strict-client header as signatures. Both are moderated, so over the limit they are stored with a flag
/// the moderators see rather than refused.
/// </summary>
public sealed class SubmissionGuard(RateLimiter rateLimits, SenderHashes hashes, ILogger<SubmissionGuard> log)
{
    /// <summary>The honeypot's name in endorsement and story forms and JSON: not "website", which a letter's endorse form uses for real.</summary>
    public const string HoneypotField = "homepage_url";

    /// <param name="what">"endorsement" or "story", for the log line.</param>
    public async Task<SubmissionVerdict> CheckAsync(Campaign campaign, string what, string? honeypot, Requester requester, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(honeypot))
        {
            log.LogInformation("The honeypot field of a submission was filled: {What} for {Campaign}; answered as received, not stored.", what, campaign.Slug);
            return new SubmissionVerdict.Drop();
        }
        var limit = await rateLimits.CheckAsync(campaign, requester.Address, cancellationToken);
        if (!limit.Over) return new SubmissionVerdict.Take(null);
        log.LogInformation("Over the rate limits: {What} for {Campaign} from address {IpHash}; {Action}.",
            what, campaign.Slug, requester.Address is { } address ? hashes.ForAddress(address)[..8] : null,
            requester.WantsStrictRateLimits ? "answered 429" : "stored flagged for the moderators");
        return requester.WantsStrictRateLimits ? new SubmissionVerdict.TooMany(limit.RetryAfter) : new SubmissionVerdict.Take(SignatureFlags.RateLimit);
    }

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
