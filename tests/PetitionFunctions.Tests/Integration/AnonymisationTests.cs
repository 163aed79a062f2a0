using System.Net;
using PetitionFunctions.Admin;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;
using PetitionFunctions.Delivery;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Integration;

/// <summary>The daily anonymisation against Azurite: personal details go, states, counts and breakdowns stay.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class AnonymisationTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Signatures_of_a_campaign_delivered_long_enough_ago_lose_their_personal_details_and_keep_their_count()
    {
        var due = await ClosedCampaignAsync(deliveredMonthsAgo: 7);
        var recent = await ClosedCampaignAsync(deliveredMonthsAgo: 5);
        var summaries = fixture.Service<SummaryTable>();
        var before = (await summaries.FindAsync(due.Slug, CancellationToken.None))!.Summary;
        Assert.Equal(2, before.Count);

        await fixture.Service<SignatureAnonymisation>().RunAsync(CancellationToken.None);

        var rows = (await fixture.SignatureRowsAsync(due.Slug)).Where(r => !r.RowKey.Contains('-')).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.False(row.ContainsKey("Personal"));
            Assert.NotNull(row.GetDateTimeOffset("AnonymisedAt"));
            Assert.Equal("NY", row.GetString("Region"));
            Assert.Equal("100", row.GetString("PostalPrefix"));
        });
        Assert.Equal(2, rows.Count(r => r.GetString("State") == nameof(SignatureState.Confirmed)));
        Assert.NotNull(await fixture.Service<SignatureTable>().AnonymisedAtAsync(due.Slug, CancellationToken.None));
        Assert.All((await fixture.SignatureRowsAsync(recent.Slug)).Where(r => !r.RowKey.Contains('-')),
            row => Assert.False(string.IsNullOrEmpty(row.GetString("Personal"))));
        Assert.Null(await fixture.Service<SignatureTable>().AnonymisedAtAsync(recent.Slug, CancellationToken.None));

        // The count, its breakdowns and the nightly recount are untouched.
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);
        var after = (await summaries.FindAsync(due.Slug, CancellationToken.None))!.Summary;
        Assert.Equal(2, after.Count);
        Assert.True(before.Breakdowns.SameAs(after.Breakdowns));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains($"Reconciled {due.Slug}"));

        // Running again changes nothing: the campaign is recorded as done, and its rows keep their time.
        var stamped = rows.ToDictionary(r => r.RowKey, r => r.GetDateTimeOffset("AnonymisedAt"));
        await fixture.Service<SignatureAnonymisation>().RunAsync(CancellationToken.None);
        Assert.All((await fixture.SignatureRowsAsync(due.Slug)).Where(r => !r.RowKey.Contains('-')),
            row => Assert.Equal(stamped[row.RowKey], row.GetDateTimeOffset("AnonymisedAt")));
        Assert.Equal((0, 0), await fixture.Service<SignatureTable>().AnonymiseAsync(due.Slug, DateTimeOffset.UtcNow, CancellationToken.None));

        // A delivery asked for now lists nobody, and says why rather than blaming a key.
        var signers = new List<DeliverySigner>();
        await foreach (var signer in fixture.Service<ConfirmedSigners>().ReadAsync(due.Slug, DateTimeOffset.UtcNow, CancellationToken.None)) signers.Add(signer);
        Assert.Empty(signers);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"2 confirmed signatures of {due.Slug} were anonymised"));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains($"of {due.Slug} could not be decrypted"));

        // An admin still reads the signature, with no one behind it.
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var one = await admin.GetAsync($"manage/campaigns/{due.Slug}/signatures/{rows[0].RowKey}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.DoesNotContain("example.org", await one.Content.ReadAsStringAsync());
    }

    /// <summary>A petition with three signatures (two confirmed, rolled up), closed, whose close delivery went out this many months ago.</summary>
    private async Task<Campaign> ClosedCampaignAsync(int deliveredMonthsAgo)
    {
        var campaign = await fixture.NewCampaignAsync();
        var prefix = campaign.Slug[^6..];
        foreach (var name in new[] { "uno", "dos", "tres" })
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
                Requests.Osdi("Persona", name, $"{name}.{prefix}@example.org", postalCode: "10027"))).StatusCode);
        var table = fixture.Service<SignatureTable>();
        foreach (var row in (await fixture.SignatureRowsAsync(campaign.Slug)).Where(r => !r.RowKey.Contains('-')).Take(2))
            await table.ConfirmAsync(campaign.Slug, row.RowKey, DateTimeOffset.UtcNow, CancellationToken.None);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        var closed = campaign with { State = CampaignState.Closed };
        await fixture.Service<CampaignTable>().SaveAsync(closed, CancellationToken.None);
        var sentAt = DateTimeOffset.UtcNow.AddMonths(-deliveredMonthsAgo);
        Assert.True(await fixture.Service<DeliveryTable>().TryAddAsync(new DeliveryRecord
        {
            Campaign = campaign.Slug, DeliveryId = DeliveryRules.ClosePrefix, Kind = DeliveryKind.Close, State = DeliveryState.Sent,
            RequestedAt = sentAt, QueuedAt = sentAt, SentAt = sentAt, CountAtRequest = 2,
        }, CancellationToken.None));
        return closed;
    }
}
