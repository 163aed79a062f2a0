using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

/// <summary>The limiter against a stand-in table that keeps its rows in memory and answers 409 for a taken slot, as storage does.</summary>
public class RateLimiterTests
{
    private readonly HashSet<string> _rows = [];
    private readonly List<string> _inserts = [];
    private int _requests;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 1, TimeSpan.Zero));
    private static readonly PetitionSecrets Secrets = TestSecrets.Valid();
    private readonly RateLimiter _limiter;

    public RateLimiterTests() => _limiter = NewLimiter();

    /// <summary>A limiter over this test's rows: a second one plays another instance of the app.</summary>
    private RateLimiter NewLimiter(IntakeOptions? options = null)
    {
        var table = new Mock<TableClient>();
        table.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .Returns((TableEntity row, CancellationToken _) =>
            {
                lock (_rows)
                {
                    _requests++;
                    _inserts.Add(row.RowKey);
                    if (!_rows.Add(row.PartitionKey + "|" + row.RowKey)) throw new RequestFailedException(409, "taken");
                }
                return Task.FromResult(new Mock<Response>().Object);
            });
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<TableTransactionAction> actions, CancellationToken _) =>
            {
                lock (_rows)
                {
                    _requests++;
                    var keys = actions.Select(a => a.Entity.PartitionKey + "|" + a.Entity.RowKey).ToList();
                    _inserts.AddRange(actions.Select(a => a.Entity.RowKey));
                    if (keys.Any(_rows.Contains)) throw new RequestFailedException(409, "taken");
                    _rows.UnionWith(keys);
                }
                return Task.FromResult(new Mock<Response<IReadOnlyList<Response>>>().Object);
            });
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient(StorageNames.RateLimitsTable)).Returns(table.Object);
        return new RateLimiter(new RateLimitTable(service.Object), _clock,
            Microsoft.Extensions.Options.Options.Create(options ?? new IntakeOptions()), NullLogger<RateLimiter>.Instance);
    }

    private static Campaign Campaign(IReadOnlyList<RateLimitRule>? rules = null) => new()
    {
        Slug = "clean-water", Kind = CampaignKind.Petition, State = CampaignState.Open, Goal = 10,
        Title = new LocalizedText("", ""), Description = new LocalizedText("", ""), CallToAction = new LocalizedText("", ""),
        Target = new CampaignTarget("", "", ""), RateLimits = rules,
    };

    private Task<RateLimitVerdict> Check(string address, Campaign? campaign = null, RateLimiter? limiter = null) =>
        (limiter ?? _limiter).CheckAsync(campaign ?? Campaign(), new SenderHashes(TestSecrets.Options(Secrets)).ForAddress(IPAddress.Parse(address)), CancellationToken.None);

    [Fact]
    public async Task The_defaults_allow_one_a_minute_and_five_in_five_minutes_taking_both_first_slots_in_one_request()
    {
        Assert.False((await Check("203.0.113.1")).Over);
        Assert.Equal(["60-1893456000-0", "300-1893456000-0"], _inserts.Order().Reverse());
        Assert.Equal(1, _requests);

        var second = await Check("203.0.113.1");
        Assert.True(second.Over);
        Assert.Equal(TimeSpan.FromSeconds(59), second.RetryAfter);

        // Every signature from the address counts against every rule, flagged ones included: two so far.
        for (var minute = 1; minute <= 3; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            Assert.False((await Check("203.0.113.1")).Over);
        }
        _clock.Advance(TimeSpan.FromMinutes(1));
        var sixth = await Check("203.0.113.1");
        Assert.True(sixth.Over, "a sixth in the five-minute window");
        Assert.Equal(TimeSpan.FromSeconds(59), sixth.RetryAfter);
        Assert.False((await Check("203.0.113.2")).Over);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await Check("203.0.113.1")).Over);
    }

    [Fact]
    public async Task An_address_over_the_limit_costs_no_more_storage_on_this_instance()
    {
        await Check("198.51.100.7");
        await Check("198.51.100.7");
        var inserts = _inserts.Count;

        for (var i = 0; i < 20; i++) Assert.True((await Check("198.51.100.7")).Over);

        // The five-minute rule still takes its slots (it is not full), but the full one-minute rule asks storage nothing.
        Assert.Equal(inserts + 3, _inserts.Count);
    }

    [Fact]
    public async Task Two_rules_of_the_same_window_length_allow_what_the_stricter_allows_not_less()
    {
        var campaign = Campaign([new RateLimitRule(2, 60), new RateLimitRule(5, 60)]);

        Assert.False((await Check("192.0.2.44", campaign)).Over);
        Assert.False((await Check("192.0.2.44", campaign)).Over, "the second in a minute is within both rules");
        Assert.True((await Check("192.0.2.44", campaign)).Over);
    }

    [Fact]
    public async Task A_campaign_with_no_rules_is_not_limited_and_costs_nothing()
    {
        for (var i = 0; i < 10; i++) Assert.False((await Check("192.0.2.1", Campaign([]))).Over);
        Assert.Empty(_inserts);
    }

    [Fact]
    public async Task With_the_default_limits_switched_off_only_a_campaign_s_own_rules_apply()
    {
        var limiter = NewLimiter(new IntakeOptions { NoDefaultRateLimits = true, RateLimits = [new(1, 60)] });

        for (var i = 0; i < 10; i++) Assert.False((await Check("192.0.2.7", limiter: limiter)).Over);
        Assert.Empty(_inserts);
        Assert.False((await Check("192.0.2.8", Campaign([new(1, 60)]), limiter)).Over);
        Assert.True((await Check("192.0.2.8", Campaign([new(1, 60)]), limiter)).Over);
    }

    [Fact]
    public async Task Another_instance_sees_slots_this_one_took_so_the_limit_is_shared()
    {
        var other = NewLimiter();
        Assert.False((await Check("192.0.2.9")).Over);

        Assert.True((await Check("192.0.2.9", limiter: other)).Over);
    }
}
