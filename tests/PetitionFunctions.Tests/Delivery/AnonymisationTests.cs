using System.Net;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Delivery;
using PetitionFunctions.Signatures;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Delivery;

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
        Assert.Equal("close", await fixture.Service<SignatureTable>().AnonymisedClosingAsync(due.Slug, CancellationToken.None));
        Assert.All((await fixture.SignatureRowsAsync(recent.Slug)).Where(r => !r.RowKey.Contains('-')),
            row => Assert.False(string.IsNullOrEmpty(row.GetString("Personal"))));
        Assert.Null(await fixture.Service<SignatureTable>().AnonymisedClosingAsync(recent.Slug, CancellationToken.None));

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
        // Nor can an email be sent to the unconfirmed one any more: there is no address left.
        var unconfirmed = rows.Single(r => r.GetString("State") == nameof(SignatureState.Unconfirmed));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"manage/campaigns/{due.Slug}/signatures/{unconfirmed.RowKey}/resend", null)).StatusCode);
    }

    [Fact]
    public async Task A_campaign_reopened_after_it_was_anonymised_keeps_its_new_signers_until_its_next_final_delivery_and_then_anonymises_them()
    {
        var campaign = await ClosedCampaignAsync(deliveredMonthsAgo: 7);
        var anonymisation = fixture.Service<SignatureAnonymisation>();
        var table = fixture.Service<SignatureTable>();
        await anonymisation.RunAsync(CancellationToken.None);
        Assert.Equal("close", await table.AnonymisedClosingAsync(campaign.Slug, CancellationToken.None));

        using var admin = fixture.AdminClient(AdminRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("Persona", "cuatro", $"cuatro.{campaign.Slug[^6..]}@example.org", postalCode: "10027"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/close", null)).StatusCode);
        Assert.Equal(1, (await fixture.Service<CampaignTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Reopenings);

        // The first closing's delivery is not final any more: the new signer keeps their details.
        await anonymisation.RunAsync(CancellationToken.None);
        var withDetails = Assert.Single(await SignatureRowsAsync(campaign.Slug), row => row.ContainsKey("Personal"));
        Assert.False(withDetails.ContainsKey("AnonymisedAt"));
        Assert.Equal("close", await table.AnonymisedClosingAsync(campaign.Slug, CancellationToken.None));

        // Once the second closing's delivery is old enough, they are anonymised too.
        await AddSentCloseDeliveryAsync(campaign.Slug, DeliveryRules.CloseId(1), DateTimeOffset.UtcNow.AddMonths(-7));
        await anonymisation.RunAsync(CancellationToken.None);
        var rows = await SignatureRowsAsync(campaign.Slug);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.False(row.ContainsKey("Personal")));
        Assert.Equal("close-2", await table.AnonymisedClosingAsync(campaign.Slug, CancellationToken.None));
    }

    [Fact]
    public async Task After_anonymisation_nothing_is_under_a_signers_key_so_signing_again_after_a_reopening_is_a_new_signature_with_its_email()
    {
        var campaign = await ClosedCampaignAsync(deliveredMonthsAgo: 7);
        var prefix = campaign.Slug[^6..];
        var emails = new[] { "uno", "dos", "tres" }.Select(n => $"{n}.{prefix}@example.org").ToList();
        var keys = emails.Select(email => fixture.Service<DedupeKeys>().For(EmailAddresses.Canonical(email))).ToList();
        await fixture.Service<SignatureAnonymisation>().RunAsync(CancellationToken.None);
        var anonymised = await SignatureRowsAsync(campaign.Slug);
        Assert.Equal(3, anonymised.Count);
        Assert.DoesNotContain(anonymised, row => keys.Contains(row.RowKey));

        using var admin = fixture.AdminClient(AdminRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/open", null)).StatusCode);
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Persona", "otra vez", emails[2], postalCode: "10027"));

        // Nobody can tell that this person signed before, the app included: a fresh signature, owed its first email.
        var fresh = Assert.Single(await SignatureRowsAsync(campaign.Slug), r => r.RowKey == keys[2]);
        Assert.Equal(nameof(SignatureState.Unconfirmed), fresh.GetString("State"));
        Assert.Equal(1, fresh.GetInt32("EmailRequests"));
        await fixture.Service<EmailOutbox<SignatureOutbox>>().SendAsync(new EmailRequest(campaign.Slug, keys[2]).ToJson(), CancellationToken.None);
        fresh = Assert.Single(await SignatureRowsAsync(campaign.Slug), r => r.RowKey == keys[2]);
        Assert.Equal(1, fresh.GetInt32("EmailsSent"));
        Assert.Equal(anonymised.Select(r => r.RowKey).Order(), (await SignatureRowsAsync(campaign.Slug)).Select(r => r.RowKey).Where(k => k != keys[2]).Order());
    }

    private async Task<List<Azure.Data.Tables.TableEntity>> SignatureRowsAsync(string slug) =>
        (await fixture.SignatureRowsAsync(slug)).Where(r => !r.RowKey.Contains('-')).ToList();

    private async Task AddSentCloseDeliveryAsync(string slug, string closeId, DateTimeOffset sentAt) =>
        Assert.True(await fixture.Service<DeliveryTable>().TryAddAsync(new DeliveryRecord
        {
            Campaign = slug, DeliveryId = closeId, Kind = DeliveryKind.Close, State = DeliveryState.Sent,
            RequestedAt = sentAt, QueuedAt = sentAt, SentAt = sentAt, CountAtRequest = 2,
        }, CancellationToken.None));

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
        await AddSentCloseDeliveryAsync(campaign.Slug, DeliveryRules.CloseId(0), DateTimeOffset.UtcNow.AddMonths(-deliveredMonthsAgo));
        return closed;
    }
}
