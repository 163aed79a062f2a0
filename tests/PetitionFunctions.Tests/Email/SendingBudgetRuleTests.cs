using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Email;

public sealed class SendingBudgetRuleTests
{
    private static readonly DateTimeOffset Minute = new(2026, 12, 5, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 5000)]
    [InlineData(30, 0)]
    [InlineData(30, 29)]
    public void An_email_within_the_minutes_budget_or_with_no_budget_goes_now(int perMinute, int sent) =>
        Assert.Null(SendingBudgetRule.Judge(perMinute, sent, deferredThisMinute: 0, Minute));

    [Fact]
    public void Emails_over_the_budget_are_spread_over_the_minutes_ahead_at_the_budgets_pace()
    {
        var slots = Enumerable.Range(0, 90).Select(deferred => SendingBudgetRule.Judge(30, 30, deferred, Minute)!.Value).ToList();

        Assert.Equal(Minute.AddMinutes(1), slots[0]);
        Assert.Equal(Minute.AddMinutes(1).AddSeconds(2), slots[1]);
        Assert.Equal(Minute.AddMinutes(2), slots[30]);
        Assert.Equal(Minute.AddMinutes(3).AddSeconds(58), slots[89]);
        // Never more than the budget in any minute ahead.
        Assert.All(slots.GroupBy(SendingBudgetRule.MinuteOf), minute => Assert.Equal(30, minute.Count()));
    }

    [Fact]
    public void A_minute_starts_on_the_whole_minute_in_utc() =>
        Assert.Equal(Minute, SendingBudgetRule.MinuteOf(new DateTimeOffset(2026, 12, 5, 5, 30, 59, 999, TimeSpan.FromHours(-5))));

    [Theory]
    [InlineData(30, 1)]
    [InlineData(600, 1)]
    [InlineData(601, 2)]
    [InlineData(12_000, 20)]
    [InlineData(1_000_000, SendingBudgetRule.MaxCounterRows)]
    public void A_large_budget_is_split_over_counter_rows_whose_shares_add_up_to_it(int perMinute, int rows)
    {
        Assert.Equal(rows, SendingBudgetRule.CounterRowsFor(perMinute));
        var shares = Enumerable.Range(0, rows).Select(row => SendingBudgetRule.ShareOf(perMinute, rows, row)).ToList();
        Assert.Equal(perMinute, shares.Sum());
        Assert.True(shares.Max() - shares.Min() <= 1);
    }
}
