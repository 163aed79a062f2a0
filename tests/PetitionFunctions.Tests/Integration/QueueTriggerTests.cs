using System.Net;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Integration;

/// <summary>A local host whose confirmation consumer runs, with host.json's retry timings shortened.</summary>
public sealed class ConsumingHostFixture : LocalHostFixture
{
    protected override string[] DisabledFunctions => ["RelayPendingConfirmations"];

    protected override HostSettings Adjust(HostSettings settings) =>
        settings with { VisibilityTimeout = TimeSpan.Zero, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
}

public sealed class QueueTriggerTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task A_signature_s_confirmation_message_is_taken_off_the_queue_by_its_function()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await Eventually(() => fixture.Logs.Lines.Any(l => l.Contains("Confirmation requested") && l.Contains(campaign.Slug)));
        await Eventually(async () => (await fixture.Confirmations.PeekMessagesAsync(32)).Value.Length == 0);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_after_max_dequeue_count_tries()
    {
        await fixture.ConfirmationsPoison.ClearMessagesAsync();

        await fixture.Confirmations.SendMessageAsync("this is not a confirmation request");

        await Eventually(async () => (await fixture.ConfirmationsPoison.PeekMessagesAsync(32)).Value.Length == 1);
        var poisoned = Assert.Single((await fixture.ConfirmationsPoison.PeekMessagesAsync(32)).Value);
        Assert.Equal("this is not a confirmation request", poisoned.Body.ToString());
        var failures = fixture.Logs.Lines.Count(l => l.Contains("ReceiveConfirmationRequest failed on message"));
        Assert.Equal(fixture.Host.Settings.MaxDequeueCount - 1, failures);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("moved it to confirmations-poison"));
    }

    private static async Task Eventually(Func<bool> condition) => await Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 30 seconds.");
            await Task.Delay(100);
        }
    }
}
