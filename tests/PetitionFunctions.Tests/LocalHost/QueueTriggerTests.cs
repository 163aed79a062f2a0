using System.Net;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.LocalHost;

public sealed class QueueTriggerTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task A_signature_s_confirmation_message_is_taken_off_the_queue_by_its_function()
    {
        var campaign = await fixture.NewCampaignAsync();

        var email = $"ana.{Guid.NewGuid():n}@example.org";

        var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Pérez", email));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, email, 1));
        await Eventually.True(async () => (await fixture.MessagesForAsync(campaign.Slug)).Count == 0);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_after_max_dequeue_count_tries()
    {
        var unreadable = $"this is not a confirmation request {Guid.NewGuid():n}";
        await fixture.Confirmations.SendMessageAsync(unreadable);

        // The poison queue's own function (GiveUpOnConfirmationEmail) takes it off again, so the
        // message is seen on its way: gone from the queue, then from the poison queue, with the
        // app's note that it reached the poison queue in between.
        await Eventually.True(async () => !(await fixture.Confirmations.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == unreadable));
        await Eventually.True(() => fixture.Logs.Lines.Any(l => l.Contains("An unreadable message reached confirmations-poison")));
        await Eventually.True(async () => (await fixture.ConfirmationsPoison.PeekMessagesAsync(32)).Value.Length == 0);
    }
}
