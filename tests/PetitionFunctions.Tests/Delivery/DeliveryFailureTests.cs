using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;
using PetitionFunctions.Delivery;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Delivery;

public sealed class DeliveryFailureTests(ScriptedDeliveryFixture fixture) : IClassFixture<ScriptedDeliveryFixture>
{
    private async Task<Campaign> PastTheGoalAsync(string officePrefix)
    {
        var slug = "test-" + Guid.NewGuid().ToString("n")[..12];
        var campaign = await fixture.NewCampaignAsync(c => c with
        {
            Slug = slug,
            Goal = 1,
            StretchGoals = [],
            Target = new CampaignTarget("Office", "Director", $"{officePrefix}-{slug}@example.org"),
        });
        await fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi("Rosa", "Tester", $"rosa-{slug}@example.org"));
        await fixture.ConfirmAllAsync(slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        await fixture.Service<DeliveryScheduler>().CheckAsync(CancellationToken.None);
        return campaign;
    }

    private async Task<DeliveryRecord?> RecordAsync(Campaign campaign, string id) =>
        (await fixture.Service<DeliveryTable>().FindAsync(campaign.Slug, id, CancellationToken.None))?.Delivery;

    [Fact]
    public async Task A_transient_failure_is_retried_through_the_queue_and_the_packet_goes_out_once()
    {
        var campaign = await PastTheGoalAsync("flaky");

        await Eventually.True(async () => (await RecordAsync(campaign, "goal-1"))?.State == DeliveryState.Sent);

        var record = (await RecordAsync(campaign, "goal-1"))!;
        Assert.Equal(3, record.Attempts);
        var key = DeliverySender.IdempotencyKey(record, 1, 1);
        Assert.Equal(3, fixture.Transport.Attempts[key]);
        Assert.Equal(1, fixture.Transport.Delivered[key]);
    }

    [Fact]
    public async Task A_refused_packet_is_recorded_as_failed_and_an_admin_can_queue_the_milestone_again()
    {
        var campaign = await PastTheGoalAsync("bounce");

        await Eventually.True(async () => (await RecordAsync(campaign, "goal-1"))?.State == DeliveryState.Failed);
        Assert.Equal("mailbox-unavailable", (await RecordAsync(campaign, "goal-1"))!.Failure);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("refused by the email provider") && l.Contains(campaign.Slug));

        var again = await fixture.AdminClient(AdminRoles.Deliver).PostAsJsonAsync($"manage/campaigns/{campaign.Slug}/deliveries", new { milestone = "goal-1" });

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("goal-1", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery_id").GetString());
        await Eventually.True(async () => (await RecordAsync(campaign, "goal-1")) is { State: DeliveryState.Failed, Attempts: 2 });
    }

    [Fact]
    public async Task A_message_given_up_on_is_recorded_as_failed_by_campaign()
    {
        var campaign = await fixture.NewCampaignAsync();
        var record = new DeliveryRecord { Campaign = campaign.Slug, DeliveryId = "manual-0123456789abcdef0123456789abcdef", State = DeliveryState.Sending, RequestedAt = DateTimeOffset.UtcNow };
        await fixture.Service<DeliveryTable>().TryAddAsync(record, CancellationToken.None);

        await fixture.Service<DeliverySender>().GiveUpAsync(new DeliveryRequest(campaign.Slug, record.DeliveryId).ToJson(), CancellationToken.None);

        Assert.Equal("gave-up-after-retries", (await RecordAsync(campaign, record.DeliveryId))!.Failure);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("Gave up on delivery") && l.Contains(campaign.Slug));
    }
}
