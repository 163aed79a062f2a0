using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Confirmation;

/// <summary>The withdraw link every signer's email carries: scanner-safe, idempotent, and the count follows at the next roll-up.</summary>
public sealed class WithdrawalTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task A_signer_withdraws_through_the_emailed_link_the_count_drops_at_the_next_roll_up_and_no_personal_data_is_left()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "withdraw.me@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Nadia", "Rahman", address, postalCode: "11368"));
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Tomás", "Reyes", "stays@example.org"));
        var email = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1));
        await Outbox.WaitForAsync(fixture.OutboxFolder, "stays@example.org", 1);
        Assert.Equal(HttpStatusCode.OK, (await Outbox.ConfirmLink(email).FollowAsync(fixture.Http)).StatusCode);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(2, await CountAsync(campaign.Slug));

        // Opening the link, as a mail scanner does, only shows the question: the token stays in the fragment.
        var link = Outbox.WithdrawLink(email);
        Assert.Equal("withdraw?lang=en", link.Path);
        var question = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.Http.GetAsync(link.Path)));
        Assert.All(question, page => Assert.Equal(HttpStatusCode.OK, page.StatusCode));
        var questionPage = await question[0].Content.ReadAsStringAsync();
        Assert.Contains("Withdraw your signature?", questionPage);
        Assert.Contains("default-src 'none'", question[0].Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'sha256-", question[0].Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", question[0].Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", question[0].Headers.CacheControl!.ToString());
        Assert.Equal(nameof(SignatureState.Confirmed), (await SignatureRowAsync(campaign.Slug, address)).GetString("State"));

        // The page's button posts the token to the same address; posting again changes nothing more.
        var withdrawn = await link.FollowAsync(fixture.Http);
        var again = await link.FollowAsync(fixture.Http);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var withdrawnPage = await withdrawn.Content.ReadAsStringAsync();
        Assert.Contains("Your signature has been withdrawn", withdrawnPage);
        Assert.Equal(withdrawnPage, await again.Content.ReadAsStringAsync());
        Assert.Equal(2, await CountAsync(campaign.Slug));

        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(1, await CountAsync(campaign.Slug));

        // The row stays for the breakdowns, but under a random key: nothing is left under the signer's.
        var rows = await fixture.SignatureRowsAsync(campaign.Slug);
        Assert.DoesNotContain(rows, r => r.RowKey.Contains(fixture.Service<DedupeKeys>().For(EmailAddresses.Canonical(address)), StringComparison.Ordinal));
        var row = Assert.Single(rows, r => r.GetString("State") == nameof(SignatureState.Withdrawn));
        Assert.True(DedupeKeys.IsSignatureKey(row.RowKey));
        Assert.False(row.ContainsKey("Personal"));
        Assert.Equal("113", row.GetString("PostalPrefix"));
        Assert.Equal("NY", row.GetString("Region"));
        Assert.Equal("partner-api", row.GetString("Source"));
        Assert.Single(await fixture.JournalRowsAsync(campaign.Slug), r => r.GetInt32("Change") == -1);
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));

        // The nightly recount from the signatures agrees with the roll-up.
        await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);
        Assert.Equal(1, await CountAsync(campaign.Slug));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains($"Reconciled {campaign.Slug}"));

        // The old confirm link cannot bring it back, and nothing logged names the signer.
        var confirmAgain = await Outbox.ConfirmLink(email).FollowAsync(fixture.Http);
        Assert.Equal(HttpStatusCode.Gone, confirmAgain.StatusCode);
        Assert.Contains("This signature was withdrawn", await confirmAgain.Content.ReadAsStringAsync());
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(address, StringComparison.OrdinalIgnoreCase) || l.Contains("Rahman"));
    }

    [Fact]
    public async Task Confirm_and_withdraw_tokens_never_reach_a_log_line_or_scope()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "token.logs@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Tomasa", "Quilla", address));
        var email = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1));
        var confirm = Outbox.ConfirmLink(email);
        var withdraw = Outbox.WithdrawLink(email);

        Assert.Equal(HttpStatusCode.OK, (await confirm.FollowAsync(fixture.Http)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(withdraw.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withdraw.FollowAsync(fixture.Http)).StatusCode);

        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"on {campaign.Slug} was withdrawn by its signer"));
        foreach (var token in new[] { confirm.Token, withdraw.Token })
        {
            Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(fixture.Logs.Scopes, s => s.Contains(token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Someone_who_withdrew_and_signs_again_starts_a_fresh_signature_with_a_new_confirmation_email()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "second.thoughts@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ali", "Hassan", address, language: "es"));
        var first = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1));
        Assert.Contains("retirar su firma", first.TextBody);
        await Outbox.ConfirmLink(first).FollowAsync(fixture.Http);
        await Outbox.WithdrawLink(first).FollowAsync(fixture.Http);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(0, await CountAsync(campaign.Slug));

        var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ali", "Hassan", address, postalCode: "07302"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var emails = await Outbox.WaitForAsync(fixture.OutboxFolder, address, 2);
        // The first email was in Spanish; the new signature asked for English.
        var second = Assert.Single(emails, e => e.Subject?.StartsWith("Confirm your signature", StringComparison.Ordinal) == true);
        var row = await SignatureRowAsync(campaign.Slug, address);
        Assert.Equal(nameof(SignatureState.Unconfirmed), row.GetString("State"));
        Assert.Equal("073", row.GetString("PostalPrefix"));
        Assert.False(string.IsNullOrEmpty(row.GetString("Personal")));

        Assert.Equal(HttpStatusCode.OK, (await Outbox.ConfirmLink(second).FollowAsync(fixture.Http)).StatusCode);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(1, await CountAsync(campaign.Slug));
    }

    [Fact]
    public async Task A_confirm_token_cannot_withdraw_and_a_withdraw_token_cannot_confirm()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "purposes@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Mei", "Chen", address));
        var email = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1));
        var confirm = Outbox.ConfirmLink(email);
        var withdraw = Outbox.WithdrawLink(email);

        var withdrawWithConfirm = await withdraw.WithToken(confirm.Token).FollowAsync(fixture.Http);
        var confirmWithWithdraw = await confirm.WithToken(withdraw.Token).FollowAsync(fixture.Http);

        Assert.Equal(HttpStatusCode.BadRequest, withdrawWithConfirm.StatusCode);
        Assert.Contains("This link is not valid", await withdrawWithConfirm.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, confirmWithWithdraw.StatusCode);
        Assert.Equal(nameof(SignatureState.Unconfirmed), (await SignatureRowAsync(campaign.Slug, address)).GetString("State"));
    }

    [Fact]
    public async Task A_withdraw_link_older_than_a_year_is_refused_and_changes_nothing()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "old.link@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Elsa", "Paz", address, language: "es"));
        await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1);
        var row = await SignatureRowAsync(campaign.Slug, address);
        var expired = fixture.Service<LinkTokens>().Create(LinkTokens.WithdrawPurpose, campaign.Slug, row.RowKey, TimeSpan.FromSeconds(-1),
            row.GetDateTimeOffset("ReceivedAt")!.Value.ToUnixTimeMilliseconds());

        var opened = await fixture.Http.GetAsync($"withdraw/{expired}?lang=es");
        var pressed = await new EmailLink("withdraw?lang=es", expired).FollowAsync(fixture.Http);

        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, pressed.StatusCode);
        Assert.Contains("Los enlaces para retirar valen un año", await pressed.Content.ReadAsStringAsync());
        Assert.Equal(nameof(SignatureState.Unconfirmed), (await SignatureRowAsync(campaign.Slug, address)).GetString("State"));
        Assert.True(LinkTokens.WithdrawLifetime <= TimeSpan.FromDays(366));
    }

    [Fact]
    public async Task Links_emailed_for_a_withdrawn_signature_do_not_act_on_the_signature_made_after_it()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "signs.again@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Juan", "Ortega", address));
        var first = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1));
        var withdraw = Outbox.WithdrawLink(first);
        Assert.Equal(HttpStatusCode.OK, (await withdraw.FollowAsync(fixture.Http)).StatusCode);

        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Juan", "Ortega", address));
        await Outbox.WaitForAsync(fixture.OutboxFolder, address, 2);
        Assert.Equal(nameof(SignatureState.Unconfirmed), (await SignatureRowAsync(campaign.Slug, address)).GetString("State"));

        var oldWithdraw = await withdraw.FollowAsync(fixture.Http);
        var oldConfirm = await Outbox.ConfirmLink(first).FollowAsync(fixture.Http);

        Assert.Equal(HttpStatusCode.BadRequest, oldWithdraw.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oldConfirm.StatusCode);
        var row = await SignatureRowAsync(campaign.Slug, address);
        Assert.Equal(nameof(SignatureState.Unconfirmed), row.GetString("State"));
        Assert.True(row.ContainsKey("Personal"));
    }

    [Fact]
    public async Task Withdrawing_an_unconfirmed_signature_removes_its_owed_email_and_writes_no_journal_row()
    {
        var campaign = await fixture.NewCampaignAsync();
        var table = fixture.Service<SignatureTable>();
        var key = fixture.Service<DedupeKeys>().For("unsent@example.org");
        var record = new SignatureRecord(campaign.Slug, key, Language.En, null, "NY", "100", DateTimeOffset.UtcNow, "protected");
        Assert.True(await table.InsertIfAbsentAsync(record, CancellationToken.None));
        var token = fixture.Service<LinkTokens>().Create(LinkTokens.WithdrawPurpose, campaign.Slug, key, LinkTokens.WithdrawLifetime,
            record.ReceivedAt.ToUnixTimeMilliseconds());

        var page = await fixture.Http.PostAsync($"withdraw/{token}", null);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var rows = await fixture.SignatureRowsAsync(campaign.Slug);
        Assert.Equal(nameof(SignatureState.Withdrawn), Assert.Single(rows).GetString("State"));
        Assert.Null(await table.RepeatAsync(record with { Key = fixture.Service<DedupeKeys>().For("someone-else@example.org") }, TimeSpan.Zero, CancellationToken.None));
    }

    private async Task<int> CountAsync(string slug) =>
        (await fixture.Service<SummaryTable>().FindAsync(slug, CancellationToken.None))?.Summary.Count ?? 0;

    private async Task<TableEntity> SignatureRowAsync(string slug, string address)
    {
        var key = fixture.Service<DedupeKeys>().For(EmailAddresses.Canonical(address));
        return Assert.Single(await fixture.SignatureRowsAsync(slug), r => r.RowKey == key);
    }
}
