namespace PetitionFunctions.Campaigns;

// The settings a campaign document carries for the stages that act on them (intake's rate limits and
// captcha, delivery's rules). They live with Campaign, so the campaign does not depend on those stages.

/// <summary>At most <see cref="Count"/> signatures per client address in each fixed window of <see cref="WindowSeconds"/>.</summary>
public sealed record RateLimitRule(int Count, int WindowSeconds)
{
    public const int MaxCount = 10_000;
    public const int MaxWindowSeconds = 86_400;
    public const int MaxRules = 5;

    /// <summary>A burst of one a minute and five in five minutes, per address and campaign.</summary>
    public static readonly IReadOnlyList<RateLimitRule> Defaults = [new(1, 60), new(5, 300)];

    public bool IsValid => Count is > 0 and <= MaxCount && WindowSeconds is > 0 and <= MaxWindowSeconds;
}
