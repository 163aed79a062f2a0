using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Tests.Counting;

public sealed class TallyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly PetitionFunctions.Campaigns.Campaign Petition = DemoCampaigns.All[0] with { Goal = 100, StretchGoals = [200, 400] };

    private static JournalEntry Entry(int change = 1, string? source = "p", string? region = "NY", string language = "en") =>
        new(change, Now, source, region, "100", Languages.Parse(language)!.Value);

    private static CampaignSummary AddTo(CampaignSummary summary, int count, DateTimeOffset? at = null) =>
        Tally.Add(summary, Petition, Enumerable.Range(0, count).Select(_ => Entry()).ToList(), (at ?? Now).UtcTicks, at ?? Now);

    [Fact]
    public void Entries_add_to_the_count_and_each_breakdown_and_move_the_watermark()
    {
        var summary = Tally.Add(CampaignSummary.Empty(Petition), Petition,
            [Entry(source: "a", language: "es"), Entry(source: "a", region: " ny "), Entry(source: null, region: "'=NJ")], 42, Now);

        Assert.Equal(3, summary.Count);
        Assert.Equal(42, summary.WatermarkTicks);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, [Tally.Unknown] = 1 }, summary.Breakdowns.Source);
        Assert.Equal(new Dictionary<string, int> { ["NY"] = 2, ["=NJ"] = 1 }, summary.Breakdowns.Region);
        Assert.Equal(new Dictionary<string, int> { ["es"] = 1, ["en"] = 2 }, summary.Breakdowns.Language);
    }

    /// <summary>Many long non-ASCII regions and sources, each written \uXXXX in the stored JSON, as a crowd of free text or a hostile script would send.</summary>
    public static IReadOnlyList<JournalEntry> LongEscapedKeys(int count) =>
        Enumerable.Range(0, count).Select(i => Entry(source: $"fuente-{i:D4}-ñññññññññññññññññññññññññññññ", region: $"región-{i:D4}-áéíóúáéíóúáéíóúáéíóúáéíóúá")).ToList();

    [Fact]
    public void However_long_and_escaped_the_keys_the_stored_summary_fits_a_table_property_and_the_rest_counts_under_other()
    {
        var entries = LongEscapedKeys(1_000);

        var summary = Tally.Add(CampaignSummary.Empty(Petition), Petition, entries, 42, Now);

        Assert.True(System.Text.Json.JsonSerializer.Serialize(summary, ApiJson.Options).Length < 32_000);
        Assert.Equal(1_000, summary.Breakdowns.Source.Values.Sum());
        Assert.Equal(1_000, summary.Breakdowns.Region.Values.Sum());
        Assert.True(summary.Breakdowns.Region[Tally.Other] > 0);
        Assert.True(summary.Breakdowns.Region.Count > 10);
        // Once they are all withdrawn, every key, "other" included, is back to nothing.
        var emptied = Tally.Add(summary, Petition, entries.Select(e => e with { Change = -1 }).ToList(), 43, Now);
        Assert.Empty(emptied.Breakdowns.Source);
        Assert.Empty(emptied.Breakdowns.Region);
    }

    [Fact]
    public void A_withdrawal_subtracts()
    {
        var summary = Tally.Add(AddTo(CampaignSummary.Empty(Petition), 3), Petition, [Entry(change: -1)], 43, Now);

        Assert.Equal(2, summary.Count);
        Assert.Equal(2, summary.Breakdowns.Source["p"]);
    }

    [Fact]
    public void Milestones_are_stamped_once_when_first_reached()
    {
        var later = Now.AddHours(1);
        var first = AddTo(CampaignSummary.Empty(Petition), 30);
        var second = AddTo(first, 30, later);

        Assert.Equal([25], first.Milestones.Keys);
        Assert.Equal(Now, second.Milestones[25]);
        Assert.Equal(later, second.Milestones[50]);
        Assert.Null(second.GoalReachedAt);
    }

    [Fact]
    public void Reaching_the_goal_stamps_it_and_steps_up_to_the_next_stretch_goal()
    {
        var summary = AddTo(CampaignSummary.Empty(Petition), 99);
        Assert.Equal(100, summary.Goal);

        summary = AddTo(summary, 1);
        Assert.Equal(Now, summary.GoalReachedAt);
        Assert.Equal(200, summary.Goal);

        summary = AddTo(summary, 350, Now.AddDays(1));
        Assert.Equal(Now, summary.GoalReachedAt);
        Assert.Equal(400, summary.Goal);
        Assert.Contains(200, summary.Milestones.Keys);
        Assert.Contains(400, summary.Milestones.Keys);

        summary = AddTo(summary, 100);
        Assert.Equal(400, summary.Goal);
    }

    [Fact]
    public void A_breakdown_keeps_at_most_500_keys_and_adds_the_rest_under_other()
    {
        var entries = Enumerable.Range(0, 700).Select(i => Entry(region: $"R{i}")).ToList();

        var summary = Tally.Add(CampaignSummary.Empty(Petition), Petition, entries, 1, Now);

        Assert.Equal(Tally.MaxKeysPerBreakdown + 1, summary.Breakdowns.Region.Count);
        Assert.Equal(700, summary.Breakdowns.Region.Values.Sum());
        Assert.Equal(200, summary.Breakdowns.Region[Tally.Other]);
    }

    [Fact]
    public void A_withdrawal_of_a_signature_counted_under_other_comes_off_other_even_once_keys_have_freed_up()
    {
        // 500 regions fill the breakdown; R500 then goes under "other".
        var full = Tally.Add(CampaignSummary.Empty(Petition), Petition,
            Enumerable.Range(0, 501).Select(i => Entry(region: $"R{i}")).ToList(), 1, Now);
        Assert.Equal(1, full.Breakdowns.Region[Tally.Other]);

        // Two regions drop to nothing, then the R500 signature is withdrawn.
        var after = Tally.Add(full, Petition, [Entry(change: -1, region: "R0"), Entry(change: -1, region: "R1"), Entry(change: -1, region: "R500")], 2, Now);

        Assert.Equal(498, after.Count);
        Assert.All(after.Breakdowns.Region.Values, value => Assert.True(value > 0));
        Assert.False(after.Breakdowns.Region.ContainsKey(Tally.Other));
        Assert.Equal(after.Count, after.Breakdowns.Region.Values.Sum());
    }

    [Fact]
    public void A_recount_gives_the_same_breakdowns_as_adding_up()
    {
        var entries = new[] { Entry(source: "a"), Entry(source: "b", language: "es"), Entry(source: "a") };

        Assert.True(Tally.Recount(entries).SameAs(Tally.Add(CampaignSummary.Empty(Petition), Petition, entries, 1, Now).Breakdowns));
        Assert.False(Tally.Recount(entries.Take(2)).SameAs(Tally.Recount(entries)));
    }
}
