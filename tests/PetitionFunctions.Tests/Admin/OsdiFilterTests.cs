using PetitionFunctions.Admin;

namespace PetitionFunctions.Tests.Admin;

public class OsdiFilterTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 18, 23, 59, TimeSpan.Zero);

    [Theory]
    [InlineData("modified_date gt '2026-12-04T18:23:59Z'", OsdiDateField.ModifiedDate, OsdiComparison.Gt)]
    [InlineData("  MODIFIED_DATE  GT  2026-12-04T18:23:59Z ", OsdiDateField.ModifiedDate, OsdiComparison.Gt)]
    [InlineData("created_date lt '2026-12-04T13:23:59-05:00'", OsdiDateField.CreatedDate, OsdiComparison.Lt)]
    [InlineData("created_date eq '2026-12-04T18:23:59.000Z'", OsdiDateField.CreatedDate, OsdiComparison.Eq)]
    [InlineData("modified_date ge '2026-12-04T18:23:59Z'", OsdiDateField.ModifiedDate, OsdiComparison.Ge)]
    public void One_condition_reads_its_field_comparison_and_time_in_UTC(string filter, OsdiDateField field, OsdiComparison comparison)
    {
        var condition = Assert.Single(OsdiFilter.Parse(filter)!);

        Assert.Equal(new OsdiCondition(field, comparison, At), condition);
    }

    [Fact]
    public void Conditions_join_with_and_and_a_date_alone_is_midnight_UTC()
    {
        var conditions = OsdiFilter.Parse("modified_date gt '2026-12-01' and created_date le '2026-12-04T18:23:59Z'")!;

        Assert.Equal(
            [new OsdiCondition(OsdiDateField.ModifiedDate, OsdiComparison.Gt, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
             new OsdiCondition(OsdiDateField.CreatedDate, OsdiComparison.Le, At)],
            conditions);
    }

    [Theory]
    [InlineData("modified_date gt")]
    [InlineData("modified_date gt '2026-12-04T18:23:59'")] // no offset: which zone is unknown
    [InlineData("modified_date after '2026-12-04T18:23:59Z'")]
    [InlineData("given_name eq 'Ana'")]
    [InlineData("modified_date gt '2026-12-04T18:23:59Z' or created_date lt '2026-12-04T18:23:59Z'")]
    [InlineData("modified_date gt '2026-12-04T18:23:59Z")]
    [InlineData("modified_date gt '2026-13-45'")]
    [InlineData("modified_date gt 'x' and modified_date gt 'y'")]
    public void Anything_else_is_unreadable(string filter)
    {
        Assert.Null(OsdiFilter.Parse(filter));
    }

    [Fact]
    public void Gt_compares_exact_times_so_a_change_within_the_last_second_seen_is_never_missed_and_eq_compares_whole_seconds()
    {
        var gt = new OsdiCondition(OsdiDateField.ModifiedDate, OsdiComparison.Gt, At);
        var eq = new OsdiCondition(OsdiDateField.CreatedDate, OsdiComparison.Eq, At);

        Assert.True(gt.Holds(created: At.AddDays(-1), modified: At.AddMilliseconds(400)));
        Assert.False(gt.Holds(created: At.AddDays(-1), modified: At));
        Assert.True(eq.Holds(created: At.AddMilliseconds(999), modified: At.AddDays(1)));
        Assert.False(eq.Holds(created: At.AddSeconds(1), modified: At));
    }
}
