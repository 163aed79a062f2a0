using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;
using PetitionFunctions.Delivery;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Delivery;

public sealed class DeliveryRulesTests
{
    // A Wednesday, 10:00 UTC, in ISO week 48 of 2026.
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Campaign Petition(DeliverySettings? settings = null, int goal = 2500, CampaignState state = CampaignState.Open, DateTimeOffset? deadline = null) =>
        DemoCampaigns.All[0] with { Goal = goal, StretchGoals = [5000, 10000], Delivery = settings ?? new DeliverySettings(), State = state, Deadline = deadline };

    private static CampaignSummary Count(int count) => new() { Campaign = "governor-end-s-comm", Count = count, Goal = 2500 };

    private static List<string> Due(Campaign campaign, int count, DeliveryHistory? history = null, DateTimeOffset? now = null) =>
        DeliveryRules.Due(campaign, Count(count), history ?? DeliveryHistory.None, now ?? Wednesday).Select(d => d.MilestoneId).ToList();

    [Fact]
    public void The_defaults_deliver_at_the_goal_and_at_close_only()
    {
        var settings = new DeliverySettings();
        Assert.True(settings.OnGoalReached);
        Assert.True(settings.AtClose);
        Assert.Null(settings.Every);
        Assert.Null(settings.WeeklyDay);
        Assert.Empty(Due(Petition(), 2499));
        Assert.Equal(["goal-2500"], Due(Petition(), 2500));
    }

    [Fact]
    public void Each_goal_reached_is_its_own_milestone_and_only_the_highest_is_due()
    {
        Assert.Equal(["goal-2500"], Due(Petition(), 4999));
        Assert.Equal(["goal-5000"], Due(Petition(), 5000));
        Assert.Equal(["goal-10000"], Due(Petition(), 12000));
    }

    [Fact]
    public void Every_n_names_the_latest_block_reached()
    {
        var campaign = Petition(new DeliverySettings { OnGoalReached = false, Every = 500 });
        Assert.Empty(Due(campaign, 499));
        Assert.Equal(["every-500-1"], Due(campaign, 500));
        Assert.Equal(["every-500-3"], Due(campaign, 1700));
        Assert.Equal("every-500-3", DeliveryRules.EveryId(500, 3));
    }

    [Fact]
    public void The_weekly_digest_is_due_from_its_day_and_hour_in_each_iso_week_when_there_is_something_new()
    {
        var campaign = Petition(new DeliverySettings { OnGoalReached = false, WeeklyDay = DayOfWeek.Wednesday, WeeklyHourUtc = 10 });
        Assert.Equal(["weekly-2026-W48"], Due(campaign, 10, now: Wednesday));
        Assert.Empty(Due(campaign, 10, now: Wednesday.AddMinutes(-1)));
        Assert.Empty(Due(campaign, 10, now: Wednesday.AddDays(-1)));
        Assert.Equal(["weekly-2026-W48"], Due(campaign, 10, now: Wednesday.AddDays(4).AddHours(13))); // Sunday 23:00, same ISO week
        Assert.Empty(Due(campaign, 10, now: Wednesday.AddDays(5))); // Monday of week 49, before Wednesday
        Assert.Empty(Due(campaign, 10, new DeliveryHistory(10)));
        Assert.Equal(["weekly-2026-W48"], Due(campaign, 11, new DeliveryHistory(10)));
        Assert.Equal("weekly-2027-W01", DeliveryRules.WeeklyId(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("weekly-2026-W53", DeliveryRules.WeeklyId(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Close_is_due_once_the_campaign_is_closed_or_past_its_deadline()
    {
        Assert.Equal(["close"], Due(Petition(state: CampaignState.Closed), 10));
        Assert.Equal(["close"], Due(Petition(deadline: Wednesday.AddHours(-1)), 10));
        Assert.Empty(Due(Petition(deadline: Wednesday.AddHours(1)), 10));
        Assert.Empty(Due(Petition(new DeliverySettings { AtClose = false }, state: CampaignState.Closed), 10));
    }

    [Fact]
    public void Each_closing_owes_its_own_close_delivery()
    {
        Assert.Equal(["close-2"], Due(Petition(state: CampaignState.Closed) with { Reopenings = 1 }, 10));
        Assert.Equal(["close-4"], Due(Petition(deadline: Wednesday.AddHours(-1)) with { Reopenings = 3 }, 10));
        Assert.Equal("close", DeliveryRules.CloseId(0));
        Assert.All(new[] { "close-2", "close-17" }, id =>
        {
            Assert.True(DeliveryRules.IsMilestoneId(id));
            Assert.Equal(DeliveryKind.Close, DeliveryRules.KindOf(id));
        });
    }

    [Fact]
    public void Several_rules_due_at_once_come_most_important_first_with_distinct_ids()
    {
        var campaign = Petition(new DeliverySettings { Every = 500, WeeklyDay = DayOfWeek.Monday }, state: CampaignState.Closed);
        var due = Due(campaign, 2600);
        Assert.Equal(["close", "goal-2500", "every-500-5", "weekly-2026-W48"], due);
        Assert.Equal(due.Count, due.Distinct().Count());
        Assert.All(due, id => Assert.True(DeliveryRules.IsMilestoneId(id), id));
    }

    [Fact]
    public void Nothing_is_due_without_confirmed_signatures_or_for_stories_and_drafts()
    {
        var everything = new DeliverySettings { Every = 1, WeeklyDay = DayOfWeek.Monday };
        Assert.Empty(Due(Petition(everything, state: CampaignState.Closed), 0));
        Assert.Empty(DeliveryRules.Due(Petition(everything), null, DeliveryHistory.None, Wednesday));
        Assert.Empty(Due(Petition(everything, goal: 1) with { Kind = CampaignKind.Stories }, 100));
        Assert.Empty(Due(Petition(everything, goal: 1, state: CampaignState.Draft), 100));
    }

    [Fact]
    public void The_same_inputs_always_give_the_same_ids_and_manual_ids_never_repeat()
    {
        var campaign = Petition(new DeliverySettings { Every = 100 });
        Assert.Equal(Due(campaign, 2550), Due(campaign, 2550));
        var manual = Enumerable.Range(0, 1000).Select(_ => DeliveryRules.ManualId(Guid.NewGuid())).ToList();
        Assert.Equal(manual.Count, manual.Distinct().Count());
        Assert.All(manual, id => Assert.Equal(DeliveryKind.Manual, DeliveryRules.KindOf(id)));
        Assert.Equal(DeliveryKind.Goal, DeliveryRules.KindOf("goal-2500"));
        Assert.Equal(DeliveryKind.Every, DeliveryRules.KindOf("every-500-3"));
        Assert.Equal(DeliveryKind.Weekly, DeliveryRules.KindOf("weekly-2026-W48"));
        Assert.Equal(DeliveryKind.Close, DeliveryRules.KindOf("close"));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("goal 1")]
    [InlineData("")]
    [InlineData("something-else")]
    [InlineData("GOAL-1")]
    public void Ids_that_no_rule_makes_are_refused(string id) => Assert.False(DeliveryRules.IsMilestoneId(id));

    [Fact]
    public void New_since_last_counts_from_the_last_delivery_that_went_out()
    {
        Assert.Equal(120, DeliveryRules.NewSince(120, DeliveryHistory.None));
        Assert.Equal(20, DeliveryRules.NewSince(120, new DeliveryHistory(100)));
        Assert.Equal(0, DeliveryRules.NewSince(90, new DeliveryHistory(100)));
    }

    [Fact]
    public void Delivery_settings_round_trip_through_the_stored_campaign_document_and_default_when_absent()
    {
        var campaign = Petition(new DeliverySettings { Every = 250, WeeklyDay = DayOfWeek.Friday, WeeklyHourUtc = 14, AtClose = false });
        var json = System.Text.Json.JsonSerializer.Serialize(campaign, PetitionFunctions.Common.ApiJson.Options);
        Assert.Contains("\"delivery\":{\"on_goal_reached\":true,\"every\":250,\"weekly_day\":\"friday\",\"weekly_hour_utc\":14,\"at_close\":false}", json);
        Assert.Equal(campaign.Delivery, System.Text.Json.JsonSerializer.Deserialize<Campaign>(json, PetitionFunctions.Common.ApiJson.Options)!.Delivery);

        var withoutDelivery = json[..json.IndexOf(",\"delivery\":", StringComparison.Ordinal)] + json[(json.IndexOf("\"at_close\":false}", StringComparison.Ordinal) + "\"at_close\":false}".Length)..];
        Assert.Equal(new DeliverySettings(), System.Text.Json.JsonSerializer.Deserialize<Campaign>(withoutDelivery, PetitionFunctions.Common.ApiJson.Options)!.Delivery);
    }
}
