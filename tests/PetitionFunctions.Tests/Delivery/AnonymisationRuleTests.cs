using Microsoft.Extensions.Time.Testing;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Delivery;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Delivery;

public sealed class AnonymisationRuleTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 1, 31, 15, 0, 0, TimeSpan.Zero);
    private static readonly Campaign Closed = DemoCampaigns.All[0] with { State = CampaignState.Closed };

    private static DeliveryRecord Delivery(string id, DeliveryState state, DateTimeOffset? sentAt = null, string? coveredBy = null) =>
        new() { Campaign = Closed.Slug, DeliveryId = id, State = state, SentAt = sentAt, CoveredBy = coveredBy };

    [Fact]
    public void A_closed_campaign_is_due_the_calendar_months_after_its_close_delivery_went_out_and_not_a_moment_before()
    {
        var clock = new FakeTimeProvider(SentAt);
        IReadOnlyList<DeliveryRecord> deliveries = [Delivery("goal-100", DeliveryState.Sent, SentAt.AddMonths(-2)), Delivery("close", DeliveryState.Sent, SentAt)];

        clock.SetUtcNow(new DateTimeOffset(2026, 7, 31, 14, 59, 59, TimeSpan.Zero));
        Assert.False(AnonymisationRule.IsDue(Closed, deliveries, 6, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(AnonymisationRule.IsDue(Closed, deliveries, 6, clock.GetUtcNow()));
        Assert.True(AnonymisationRule.IsDue(Closed, deliveries, 0, SentAt));
    }

    [Fact]
    public void A_close_milestone_covered_by_another_packet_counts_from_when_that_packet_went_out()
    {
        var goalSent = SentAt.AddDays(3);
        IReadOnlyList<DeliveryRecord> deliveries = [Delivery("close", DeliveryState.Covered, coveredBy: "goal-500"), Delivery("goal-500", DeliveryState.Sent, goalSent)];

        Assert.Equal(goalSent, AnonymisationRule.FinalDeliverySentAt(Closed, deliveries));
        Assert.False(AnonymisationRule.IsDue(Closed, deliveries, 6, SentAt.AddMonths(6)));
        Assert.True(AnonymisationRule.IsDue(Closed, deliveries, 6, goalSent.AddMonths(6)));
    }

    public static TheoryData<string, IReadOnlyList<DeliveryRecord>> NoFinalDelivery => new()
    {
        { "no deliveries", [] },
        { "only a goal delivery", [Delivery("goal-100", DeliveryState.Sent, SentAt)] },
        { "close still queued", [Delivery("close", DeliveryState.Queued)] },
        { "close failed", [Delivery("close", DeliveryState.Failed)] },
        { "close covered by a packet that failed", [Delivery("close", DeliveryState.Covered, coveredBy: "goal-1"), Delivery("goal-1", DeliveryState.Failed)] },
    };

    [Theory]
    [MemberData(nameof(NoFinalDelivery))]
    public void Without_a_sent_final_delivery_nothing_is_ever_due(string name, IReadOnlyList<DeliveryRecord> deliveries)
    {
        Assert.Null(AnonymisationRule.FinalDeliverySentAt(Closed, deliveries));
        Assert.False(AnonymisationRule.IsDue(Closed, deliveries, 6, SentAt.AddYears(5)), name);
    }

    [Fact]
    public void A_campaign_opened_again_after_its_final_delivery_is_left_alone()
    {
        IReadOnlyList<DeliveryRecord> deliveries = [Delivery("close", DeliveryState.Sent, SentAt)];

        Assert.False(AnonymisationRule.IsDue(Closed with { State = CampaignState.Open, Deadline = null }, deliveries, 6, SentAt.AddMonths(7)));
        Assert.True(AnonymisationRule.IsDue(Closed with { State = CampaignState.Open, Deadline = SentAt.AddDays(-1) }, deliveries, 6, SentAt.AddMonths(7)));
    }

    [Fact]
    public void After_a_reopening_only_the_close_delivery_of_the_latest_closing_is_final()
    {
        var reopened = Closed with { Reopenings = 1 };
        IReadOnlyList<DeliveryRecord> firstClosingOnly = [Delivery("close", DeliveryState.Sent, SentAt)];
        IReadOnlyList<DeliveryRecord> both = [.. firstClosingOnly, Delivery("close-2", DeliveryState.Sent, SentAt.AddMonths(2))];

        Assert.Null(AnonymisationRule.FinalDeliverySentAt(reopened, firstClosingOnly));
        Assert.False(AnonymisationRule.IsDue(reopened, firstClosingOnly, 6, SentAt.AddYears(2)));
        Assert.Equal(SentAt.AddMonths(2), AnonymisationRule.FinalDeliverySentAt(reopened, both));
        Assert.False(AnonymisationRule.IsDue(reopened, both, 6, SentAt.AddMonths(7)));
        Assert.True(AnonymisationRule.IsDue(reopened, both, 6, SentAt.AddMonths(8)));
    }

    [Fact]
    public void A_reopening_is_counted_when_an_admin_change_turns_a_closed_campaign_into_an_open_one()
    {
        var now = SentAt;
        var open = Closed with { State = CampaignState.Open, Deadline = now.AddDays(30) };
        var pastDeadline = open with { Deadline = now.AddDays(-1) };

        Assert.Equal(1, Closed.ChangeTo(open, now).Reopenings);
        Assert.Equal(1, pastDeadline.ChangeTo(open, now).Reopenings);
        Assert.Equal(3, (Closed with { Reopenings = 2 }).ChangeTo(open with { Reopenings = 2 }, now).Reopenings);
        Assert.Equal(0, (open with { State = CampaignState.Draft }).ChangeTo(open, now).Reopenings);
        Assert.Equal(0, open.ChangeTo(open with { Goal = 5_000 }, now).Reopenings);
        Assert.Equal(0, Closed.ChangeTo(Closed with { Goal = 5_000 }, now).Reopenings);
        Assert.Equal(0, open.ChangeTo(Closed, now).Reopenings);
    }
}
