using System.Net;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// Confirmation emails spread over four queues (Email:ConfirmationQueues): every shard's own trigger runs
/// on this runtime and every signer gets exactly one email. Its own app, with the setting on.
/// </summary>
public abstract class ConfirmationShardTests<TFixture> where TFixture : AppFixture, new()
{
    [EndToEndFact]
    public async Task With_four_confirmation_queues_each_shard_is_consumed_and_every_signer_gets_one_email()
    {
        var app = new TFixture { Overrides = new Dictionary<string, string?> { ["Email:ConfirmationQueues"] = "4" } };
        await app.InitializeAsync();
        try
        {
            var campaign = await app.NewCampaignAsync();
            var keys = app.Service<DedupeKeys>();
            // People chosen so that each of the four queues gets two of them.
            var signers = new List<string>();
            var perQueue = StorageNames.ConfirmationQueues.ToDictionary(queue => queue, _ => 0);
            while (perQueue.Values.Any(n => n < 2))
            {
                var email = $"shard.{Guid.NewGuid():n}@example.org";
                var queue = SignatureOutbox.QueueFor(keys.For(email), 4);
                if (perQueue[queue] >= 2) continue;
                perQueue[queue]++;
                signers.Add(email);
            }

            foreach (var email in signers)
                Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Amal", "Haddad", email))).StatusCode);

            foreach (var email in signers)
                Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, email, 1));
            await Eventually.True(async () =>
            {
                foreach (var queue in StorageNames.ConfirmationQueues)
                    if ((await app.Service<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
                        return false;
                return true;
            });
            foreach (var email in signers) Assert.Single(Outbox.To(app.OutboxFolder, email));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}

public sealed class ConfirmationShardsOnRealHost : ConfirmationShardTests<RealHostFixture>;

public sealed class ConfirmationShardsOnStandIn : ConfirmationShardTests<StandInFixture>;
