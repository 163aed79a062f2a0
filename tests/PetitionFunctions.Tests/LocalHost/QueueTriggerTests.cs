using System.Net;
using Microsoft.AspNetCore.Builder;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.LocalHost;

/// <summary>A local host whose email functions run, with host.json's retry timings shortened and no re-send cool-down.</summary>
public class ConsumingHostFixture : LocalHostFixture
{
    protected override string[] DisabledFunctions => ["RelayPendingConfirmations", "RollUpCounts"];

    protected override HostSettings Adjust(HostSettings settings) =>
        settings with { VisibilityTimeout = TimeSpan.Zero, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration["Intake:ResendCooldown"] = "00:00:00";
        // A parked email is due again at once; the tests run the outbox relay themselves.
        builder.Configuration["Email:FirstRetryDelay"] = "00:00:00";
    }
}

public sealed class QueueTriggerTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task A_signature_s_confirmation_message_is_taken_off_the_queue_by_its_function()
    {
        var campaign = await fixture.NewCampaignAsync();

        var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await Eventually.True(() => fixture.Logs.Lines.Any(l => l.Contains("Sent the Confirm email") && l.Contains(campaign.Slug)));
        await Eventually.True(async () => (await fixture.MessagesForAsync(campaign.Slug)).Count == 0);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_after_max_dequeue_count_tries()
    {
        await fixture.Confirmations.SendMessageAsync("this is not a confirmation request");

        await Eventually.True(() => fixture.Logs.Lines.Any(l => l.Contains("moved it to confirmations-poison")));
        var failures = fixture.Logs.Lines.Count(l => l.Contains("SendConfirmationEmail failed on message"));
        Assert.Equal(fixture.Host.Settings.MaxDequeueCount - 1, failures);
        await Eventually.True(() => fixture.Logs.Lines.Any(l => l.Contains("An unreadable message reached confirmations-poison")));
        await Eventually.True(async () => (await fixture.ConfirmationsPoison.PeekMessagesAsync(32)).Value.Length == 0);
    }
}

public static class Eventually
{
    public static Task True(Func<bool> condition, int seconds = 30) => True(() => Task.FromResult(condition()), seconds);

    public static async Task True(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not come true within {seconds} seconds.");
            await Task.Delay(100);
        }
    }
}
