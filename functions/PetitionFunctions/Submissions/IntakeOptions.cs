using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>Configuration section "Intake".</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>The least time between two emails caused by signing again.</summary>
    public TimeSpan ResendCooldown { get; set; } = EmailAllowance.DefaultCooldown;

    /// <summary>Per-address signing limits for campaigns that set none; unset means <see cref="RateLimitRule.Defaults"/>.</summary>
    public List<RateLimitRule>? RateLimits { get; set; }

    /// <summary>No per-address limit for campaigns that set none (a load test, a trusted partner's server); a campaign's own rules still apply.</summary>
    public bool NoDefaultRateLimits { get; set; }

    /// <summary>The configured rules are within what a campaign may set: at most five, each in range.</summary>
    public bool HasValidRateLimits => RateLimits is null || (RateLimits.Count <= RateLimitRule.MaxRules && RateLimits.All(rule => rule.IsValid));
}
