namespace PetitionFunctions.Campaigns;

// The settings a campaign document carries for the stages that act on them (intake's rate limits and
// captcha, delivery's rules). They live with Campaign, so the campaign does not depend on those stages.

/// <summary>
/// When a campaign's signatures go to its target. Stored on the campaign ("delivery"); every field is
/// optional, and a campaign without the object gets these defaults: a delivery when the goal is reached
/// and one at close.
/// </summary>
public sealed record DeliverySettings
{
    /// <summary>A delivery when the count first reaches the goal, and each stretch goal.</summary>
    public bool OnGoalReached { get; init; } = true;

    /// <summary>A delivery every this many confirmed signatures (500: at 500, 1,000, 1,500...); null for none.</summary>
    public int? Every { get; init; }

    /// <summary>A weekly digest on this day (UTC), at <see cref="WeeklyHourUtc"/>; null for none.</summary>
    public DayOfWeek? WeeklyDay { get; init; }

    /// <summary>The hour (0-23, UTC) of the weekly digest; 9 when only the day is set.</summary>
    public int? WeeklyHourUtc { get; init; }

    /// <summary>A final delivery once the campaign is closed (its state, or its deadline passed).</summary>
    public bool AtClose { get; init; } = true;
}
