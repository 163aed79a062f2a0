using System.Security.Cryptography;
using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Integration;

/// <summary>One campaign whose roll-up fails must not stop the count of the others, against Azurite.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RollupIsolationTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_campaign_whose_summary_cannot_be_written_leaves_the_other_campaigns_counted()
    {
        // Listed first (slugs sort), with breakdowns too large for one table property: its summary write fails.
        var failing = await fixture.NewCampaignAsync(c => c with { Slug = "0-" + Guid.NewGuid().ToString("n")[..12] });
        var healthy = await fixture.NewCampaignAsync();
        var table = fixture.Service<SignatureTable>();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var key = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));
                await table.InsertIfAbsentAsync(new SignatureRecord(failing.Slug, key, Language.En, $"s{i:D4}" + new string('y', 40),
                    $"R{i:D4}" + new string('X', 40), "100", at, "test:not-read"), CancellationToken.None);
                await table.ConfirmAsync(failing.Slug, key, at, CancellationToken.None);
            });
            var one = new string('b', 64);
            await table.InsertIfAbsentAsync(new SignatureRecord(healthy.Slug, one, Language.En, null, "NY", "100", at, "test:not-read"), CancellationToken.None);
            await table.ConfirmAsync(healthy.Slug, one, at, CancellationToken.None);

            await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

            Assert.Equal(1, (await fixture.Service<SummaryTable>().FindAsync(healthy.Slug, CancellationToken.None))?.Summary.Count);
        }
        finally
        {
            await fixture.Service<TableServiceClient>().GetTableClient(StorageNames.CampaignsTable).DeleteEntityAsync("campaign", failing.Slug);
        }
    }
}
