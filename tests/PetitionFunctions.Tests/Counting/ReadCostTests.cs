using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Counting;

public sealed class ReadCostTests(RecordedStorageFixture fixture) : IClassFixture<RecordedStorageFixture>
{
    [Fact]
    public async Task A_crowd_reading_the_count_never_touches_the_signatures_table_and_costs_one_refresh()
    {
        var campaign = await fixture.NewCampaignAsync();
        // Stored directly, not through the API: signing through it would warm the read cache before the roll-up.
        var signature = new PetitionFunctions.Signatures.SignatureRecord(campaign.Slug, new string('e', 64), Language.En, "partner-a", "NY", "100",
            DateTimeOffset.UtcNow, "test:not-read");
        await fixture.Service<PetitionFunctions.Signatures.SignatureTable>().InsertIfAbsentAsync(signature, CancellationToken.None);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.True(fixture.Recorder.CountTouching(StorageNames.SignaturesTable) > 0, "The recorder sees table requests.");
        fixture.Recorder.Clear();

        var reads = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            fixture.Http.GetStringAsync(i % 2 == 0 ? $"campaigns/{campaign.Slug}/count" : $"campaigns/{campaign.Slug}?lang=es")));

        Assert.All(reads, body => Assert.Contains("\"count\":1", body));
        Assert.Equal(0, fixture.Recorder.CountTouching(StorageNames.SignaturesTable));
        Assert.Equal(1, fixture.Recorder.CountTouching(StorageNames.SummariesTable));
        Assert.Equal(1, fixture.Recorder.CountTouching(StorageNames.CampaignsTable));
    }
}
