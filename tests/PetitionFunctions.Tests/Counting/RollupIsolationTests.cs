using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Counting;

/// <summary>One campaign whose counting fails must not stop the counting of the others, against Azurite.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RollupIsolationTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_campaign_whose_summary_cannot_be_read_leaves_the_others_rolled_up_and_reconciled()
    {
        // Listed first (slugs sort), with a summary row that is not a summary: reading it throws.
        var failing = await fixture.NewCampaignAsync(c => c with { Slug = "0-" + Guid.NewGuid().ToString("n")[..12] });
        var healthy = await fixture.NewCampaignAsync();
        var summariesTable = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.SummariesTable);
        var summaries = fixture.Service<SummaryTable>();
        var table = fixture.Service<SignatureTable>();
        try
        {
            await summariesTable.AddEntityAsync(new TableEntity("summary", failing.Slug) { ["Document"] = "not a summary" });
            var at = DateTimeOffset.UtcNow.AddMinutes(-5);
            var one = new string('b', 64);
            await table.InsertIfAbsentAsync(new SignatureRecord(healthy.Slug, one, Language.En, null, "NY", "100", at, "test:not-read"), CancellationToken.None);
            await table.ConfirmAsync(healthy.Slug, one, at, CancellationToken.None);

            await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

            var counted = (await summaries.FindAsync(healthy.Slug, CancellationToken.None))!;
            Assert.Equal(1, counted.Summary.Count);
            Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Rolling up {failing.Slug} failed"));

            // The nightly recount too goes on past the broken campaign and corrects a drifted count.
            Assert.True(await summaries.TrySaveAsync(counted.Summary with { Count = 5 }, counted.Version, CancellationToken.None));
            await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);

            Assert.Equal(1, (await summaries.FindAsync(healthy.Slug, CancellationToken.None))!.Summary.Count);
            Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Reconciling {failing.Slug} failed"));
        }
        finally
        {
            await fixture.Service<TableServiceClient>().GetTableClient(StorageNames.CampaignsTable).DeleteEntityAsync("campaign", failing.Slug);
        }
    }
}
