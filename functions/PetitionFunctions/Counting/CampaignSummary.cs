using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

/// <summary>
/// What counting knows about a campaign: the confirmed total, its breakdowns, the current goal and
/// when each milestone was reached, and the journal position (in ticks) summed so far.
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

    /// <summary>The watermark as a time: every confirmation before it is in the count. Null before the first roll-up.</summary>
    public DateTimeOffset? AsOf => WatermarkTicks > 0 ? new DateTimeOffset(WatermarkTicks, TimeSpan.Zero) : null;

    public static CampaignSummary Empty(Campaign campaign) => new() { Campaign = campaign.Slug, Goal = campaign.Goal };
}
