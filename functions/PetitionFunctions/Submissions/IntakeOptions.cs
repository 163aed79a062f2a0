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
}
