using System.Net;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

/// <summary>What a sign-on asks of storage, counted request by request at the storage clients.</summary>
public sealed class IntakeCostTests(RecordedStorageFixture fixture) : IClassFixture<RecordedStorageFixture>
{
    // Rules of the defaults' kind, high enough never to trip: the limits are taken, and their cost is counted.
    private static PetitionFunctions.Campaigns.Campaign LimitedTo10000AMinute(PetitionFunctions.Campaigns.Campaign campaign) =>
        campaign with { RateLimits = [new PetitionFunctions.Campaigns.RateLimitRule(PetitionFunctions.Campaigns.RateLimitRule.MaxCount, 60)] };

    // A batch's path names no table: "{account}/$batch".
    private int Batches() => fixture.Recorder.Paths.Count(path => path.EndsWith("/$batch", StringComparison.Ordinal));

    private int QueueSends() => fixture.Recorder.Paths.Count(path => path.EndsWith($"/{StorageNames.ConfirmationsQueue}/messages", StringComparison.Ordinal));

    private async Task<List<HttpStatusCode>> SignAsync(string slug, int people, bool strict = false)
    {
        // A client computer of its own, as a browser is: its address is the one the limits count.
        using var client = ClientComputers.From(fixture.Http.BaseAddress!, ClientComputers.NewAddress());
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < people; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{slug}/signatures")
            {
                Content = Requests.Osdi("Lupe", $"C{i}", $"cost.{Guid.NewGuid():n}@example.org"),
            };
            if (strict) request.Headers.Add(Requester.StrictRateLimitsHeader, "429");
            answers.Add((await client.SendAsync(request)).StatusCode);
        }
        return answers;
    }

    [Fact]
    public async Task A_new_sign_on_under_rate_limits_costs_two_storage_requests_its_signature_batch_and_its_queue_message()
    {
        var campaign = await fixture.NewCampaignAsync(LimitedTo10000AMinute);
        // The first post reads the campaign and the intake switch into the instance's memory, as any first post does.
        await SignAsync(campaign.Slug, 1);
        fixture.Recorder.Clear();

        Assert.All(await SignAsync(campaign.Slug, 10), status => Assert.Equal(HttpStatusCode.Accepted, status));

        // Each: the batch of the signature row and its outbox row, then the message; nothing else.
        Assert.Equal(10, Batches());
        Assert.Equal(10, QueueSends());
        Assert.Equal(20, fixture.Recorder.Paths.Count);
    }

    [Fact]
    public async Task A_client_that_asks_for_strict_limits_pays_one_more_request_for_them()
    {
        var campaign = await fixture.NewCampaignAsync(LimitedTo10000AMinute);
        await SignAsync(campaign.Slug, 1);
        fixture.Recorder.Clear();

        Assert.All(await SignAsync(campaign.Slug, 10, strict: true), status => Assert.Equal(HttpStatusCode.Accepted, status));

        // Each: the batch of its slots in the RateLimits table, the signature's batch, the message.
        Assert.Equal(20, Batches());
        Assert.Equal(10, QueueSends());
        Assert.Equal(30, fixture.Recorder.Paths.Count);
    }
}
