using System.Net;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.LocalHost;

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
