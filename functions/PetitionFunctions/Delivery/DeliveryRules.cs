using System.Globalization;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Delivery;

/// <summary>A delivery the rules say is due, named by its milestone: the same milestone always gets the same id.</summary>
public sealed record DueDelivery(string MilestoneId, DeliveryKind Kind, string Reason);

/// <summary>
/// The delivery rules, plain arithmetic over a campaign, its summary and the clock. Each delivery has
/// a deterministic milestone id ("goal-2500", "every-500-3" for the third block of 500,
/// "weekly-2026-W48", "close" (then "close-2" once it was opened again and closed again), "manual-{guid}"), which is the Deliveries table's row key: whoever
/// writes the row first owns the milestone, so a timer and an admin racing, or a retry, make one.
/// </summary>
public static class DeliveryRules
{
    public const string ClosePrefix = "close";
    public const string GoalPrefix = "goal-";
    public const string EveryPrefix = "every-";
    public const string WeeklyPrefix = "weekly-";
    public const string ManualPrefix = "manual-";
    public const int DefaultWeeklyHourUtc = 9;

    public static string GoalId(int goal) => GoalPrefix + goal.ToString(CultureInfo.InvariantCulture);

    /// <summary>"every-500-3": the third block of 500 (reached at 1,500).</summary>
    public static string EveryId(int every, int block) =>
        string.Create(CultureInfo.InvariantCulture, $"{EveryPrefix}{every}-{block}");

    /// <summary>"weekly-2026-W48": the ISO 8601 week of the digest.</summary>
    public static string WeeklyId(DateTimeOffset at)
    {
        var day = at.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{WeeklyPrefix}{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):D2}");
    }

    public static string ManualId(Guid id) => ManualPrefix + id.ToString("n");

    /// <summary>The close milestone of a campaign's current closing: "close", and "close-2", "close-3"… after each reopening.</summary>
    public static string CloseId(int reopenings) =>
        reopenings == 0 ? ClosePrefix : string.Create(CultureInfo.InvariantCulture, $"{ClosePrefix}-{reopenings + 1}");

    private static bool IsCloseId(string id) => id == ClosePrefix || id.StartsWith(ClosePrefix + "-", StringComparison.Ordinal);

    /// <summary>Whether a string is a milestone id this app makes (for ids arriving in URLs and bodies).</summary>
    public static bool IsMilestoneId(string? id) =>
        id is { Length: > 0 and <= 80 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' || c is 'W')
        && (IsCloseId(id) || id.StartsWith(GoalPrefix, StringComparison.Ordinal) || id.StartsWith(EveryPrefix, StringComparison.Ordinal)
            || id.StartsWith(WeeklyPrefix, StringComparison.Ordinal) || id.StartsWith(ManualPrefix, StringComparison.Ordinal));

    public static DeliveryKind KindOf(string milestoneId) => milestoneId switch
    {
        _ when IsCloseId(milestoneId) => DeliveryKind.Close,
        _ when milestoneId.StartsWith(GoalPrefix, StringComparison.Ordinal) => DeliveryKind.Goal,
        _ when milestoneId.StartsWith(EveryPrefix, StringComparison.Ordinal) => DeliveryKind.Every,
        _ when milestoneId.StartsWith(WeeklyPrefix, StringComparison.Ordinal) => DeliveryKind.Weekly,
        _ => DeliveryKind.Manual,
    };

    /// <summary>
    /// The deliveries due now, most important first (close, goal, every N, weekly). Each rule names only
    /// its latest milestone: a count that jumps from 400 to 1,700 between two checks owes "every-500-3",
    /// not three deliveries at once. The caller delivers the first whose milestone is not yet taken and
    /// records the rest as covered by it, so one check sends at most one packet per campaign.
    /// </summary>
    public static IReadOnlyList<DueDelivery> Due(Campaign campaign, CampaignSummary? summary, DeliveryHistory history, DateTimeOffset now)
    {
        if (campaign.Kind == CampaignKind.Stories || campaign.State == CampaignState.Draft) return [];
        var settings = campaign.Delivery ?? new DeliverySettings();
        var count = summary?.Count ?? 0;
        if (count <= 0) return [];
        var due = new List<DueDelivery>();

        if (settings.AtClose && !campaign.IsOpenAt(now))
            due.Add(new DueDelivery(CloseId(campaign.Reopenings), DeliveryKind.Close, "the campaign closed"));

        if (settings.OnGoalReached)
        {
            var goals = new[] { campaign.Goal }.Concat(campaign.StretchGoals.Where(g => g > campaign.Goal).Order()).Where(g => g > 0);
            if (goals.Where(goal => count >= goal).DefaultIfEmpty(0).Max() is > 0 and var reached)
                due.Add(new DueDelivery(GoalId(reached), DeliveryKind.Goal,
                    string.Create(CultureInfo.InvariantCulture, $"the goal of {reached:N0} was reached")));
        }

        if (settings.Every is > 0 and var every && count / every is > 0 and var block)
            due.Add(new DueDelivery(EveryId(every, block), DeliveryKind.Every,
                string.Create(CultureInfo.InvariantCulture,
                    $"{block * every:N0} {(campaign.Kind == CampaignKind.Letter ? "endorsements" : "signatures")} were reached (every {every:N0})")));

        if (settings.WeeklyDay is { } day && WeeklyDigestStarted(now, day, settings.WeeklyHourUtc ?? DefaultWeeklyHourUtc)
            && count > (history.LastDeliveredCount ?? 0))
            due.Add(new DueDelivery(WeeklyId(now), DeliveryKind.Weekly, "the weekly digest"));

        return due;
    }

    /// <summary>Whether this ISO week's digest time (day and hour, UTC; weeks start on Monday) has come.</summary>
    public static bool WeeklyDigestStarted(DateTimeOffset now, DayOfWeek day, int hourUtc)
    {
        var utc = now.UtcDateTime;
        static int IsoDay(DayOfWeek d) => d == DayOfWeek.Sunday ? 7 : (int)d;
        var today = IsoDay(utc.DayOfWeek);
        var wanted = IsoDay(day);
        return today > wanted || (today == wanted && utc.Hour >= Math.Clamp(hourUtc, 0, 23));
    }

    /// <summary>New confirmed signatures (a letter's endorsements) since the last delivery that went out (all of them for the first).</summary>
    public static int NewSince(int total, DeliveryHistory history) => Math.Max(0, total - (history.LastDeliveredCount ?? 0));
}
