using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

/// <summary>
/// What counting knows about a campaign: the confirmed total, its breakdowns, the current goal and
/// when each milestone was reached, and the journal position (in ticks) summed so far; and the
/// confirmations journalled since, which the public count shows at once (<see cref="Recent"/>).
/// </summary>
public sealed record CampaignSummary
{
    public required string Campaign { get; init; }
    public int Count { get; init; }
    public int Goal { get; init; }
    public DateTimeOffset? GoalReachedAt { get; init; }

    /// <summary>When the count first reached each threshold (quarters of the first goal, and each goal), keyed by the threshold.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> Milestones { get; init; } = new Dictionary<int, DateTimeOffset>();

    public Breakdowns Breakdowns { get; init; } = new();

    /// <summary>Every journal entry before this time (UTC ticks) is in the count; none after it.</summary>
    public long WatermarkTicks { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// The net change journalled after the watermark, up to <see cref="RecentUpToTicks"/>, as the last roll-up saw
    /// it. Not yet in <see cref="Count"/>, the breakdowns or the milestones: those take a row only once it is older
    /// than the lag window, when no late write can land behind it. Read afresh by every roll-up, never added up.
    /// </summary>
    public int Recent { get; init; }

    public long RecentUpToTicks { get; init; }

    /// <summary>What the public sees: the settled count and the recent change, so a confirmation shows at the next roll-up.</summary>
    public int PublicCount => Count + Recent;

    /// <summary>
    /// The time the public count was taken at: every confirmation before it is in it, but for one whose write was
    /// still under way then, which the next roll-ups add. Null before the first roll-up.
    /// </summary>
    public DateTimeOffset? AsOf => Math.Max(WatermarkTicks, RecentUpToTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public static CampaignSummary Empty(Campaign campaign) => new() { Campaign = campaign.Slug, Goal = campaign.Goal };
}
