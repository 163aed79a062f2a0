using System.Net;
using Azure.Storage.Queues;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Confirmation;

/// <summary>Sign, get the email in the outbox, open the link (twice, as mail scanners do), and sign again.</summary>
public sealed class ConfirmationFlowTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task A_signer_gets_an_email_in_their_language_and_its_link_confirms_once_however_often_it_is_opened()
    {
        var campaign = await fixture.NewCampaignAsync();
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Lucía", "Mendoza", "lucia@example.org", language: "es"));

        var email = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, "lucia@example.org", 1));
        Assert.StartsWith("Confirme su firma", email.Subject);
        Assert.Contains(campaign.Title.Es, email.TextBody);
        Assert.NotNull(email.HtmlBody);
        Assert.Contains("name=\"viewport\"", email.HtmlBody);
        Assert.Equal("auto-generated", email.Headers["Auto-Submitted"]);
        var withdraw = Outbox.WithdrawLink(email);
        Assert.Equal($"<{fixture.Http.BaseAddress}{withdraw.Path}#{withdraw.Token}>", email.Headers["List-Unsubscribe"]);
        var link = Outbox.ConfirmLink(email);

        var first = await link.FollowAsync(fixture.Http);
        var again = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => link.FollowAsync(fixture.Http)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("Firma confirmada", page);
        Assert.Contains("no-store", first.Headers.CacheControl!.ToString());
        foreach (var answer in again)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(page, await answer.Content.ReadAsStringAsync());
        }

        var rows = await fixture.SignatureRowsAsync(campaign.Slug);
        var journal = Assert.Single(await fixture.JournalRowsAsync(campaign.Slug));
        var signature = Assert.Single(rows, r => !r.RowKey.Contains('-'));
        Assert.Equal(nameof(SignatureState.Confirmed), signature.GetString("State"));
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        Assert.Equal(signature.GetDateTimeOffset("ConfirmedAt"), journal.GetDateTimeOffset("At"));
        Assert.Equal(1, journal.GetInt32("Change"));
        Assert.Equal("es", journal.GetString("Language"));
    }

    [Theory]
    [InlineData("en", "It will count once our team has reviewed it.")]
    [InlineData("es", "Contará en cuanto nuestro equipo la revise.")]
    public async Task A_signer_set_aside_by_a_rate_limit_is_told_the_signature_counts_once_reviewed_not_that_it_counts(string language, string truth)
    {
        var campaign = await fixture.NewCampaignAsync();
        var address = $"flagged-{language}@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Iris", "Mejía", address, language: language));
        var link = Outbox.ConfirmLink(Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1)));
        // Once the email is recorded as sent, nothing else writes the row.
        await Eventually.True(async () => Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => DedupeKeys.IsSignatureKey(r.RowKey)).GetInt32("EmailsSent") == 1);
        var row = Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => DedupeKeys.IsSignatureKey(r.RowKey));
        row["Flag"] = SignatureFlags.RateLimit;
        await fixture.Signatures.UpdateEntityAsync(row, row.ETag);

        var first = await link.FollowAsync(fixture.Http);
        var again = await link.FollowAsync(fixture.Http);

        foreach (var answer in new[] { first, again })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var page = await answer.Content.ReadAsStringAsync();
            Assert.Contains(truth, page);
            Assert.DoesNotContain("and counts", page);
            Assert.DoesNotContain("y cuenta", page);
        }
    }

    [Fact]
    public async Task Logs_name_a_signature_by_a_process_reference_never_by_a_prefix_of_its_key()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "log.privacy@example.org";
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Lía", "Soto", address));
        await Outbox.ConfirmLink(Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1))).FollowAsync(fixture.Http);
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Lía", "Soto", address));
        var key = fixture.Service<DedupeKeys>().For(address);
        await Eventually.True(() => fixture.Logs.Lines.Count(l => l.Contains(LogRefs.Of(key), StringComparison.Ordinal)) >= 3);

        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(key[..8], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_link_gets_a_page_that_explains_and_changes_nothing()
    {
        var campaign = await fixture.NewCampaignAsync();
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Omar", "Haddad", "omar@example.org"));
        var link = Outbox.ConfirmLink(Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, "omar@example.org", 1)));
        var token = link.Token;

        var answers = new[]
        {
            await link.WithToken(token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..]).FollowAsync(fixture.Http),
            await link.WithToken("not-a-token").FollowAsync(fixture.Http),
            await link.WithToken(token[..^10]).FollowAsync(fixture.Http),
            await fixture.Http.PostAsync("confirm", null),
            await fixture.Http.GetAsync("confirm/not-a-token"),
        };

        var pages = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.All(pages, p => Assert.Contains("This link is not valid", p));
        Assert.Single(pages.Distinct());
        Assert.Empty(await fixture.JournalRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task An_expired_link_says_so_in_the_signer_s_language_and_confirms_nothing()
    {
        var campaign = await fixture.NewCampaignAsync();
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Rosa", "Vargas", "rosa.v@example.org", language: "es"));
        var signature = Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => !r.RowKey.Contains('-'));
        var expired = fixture.Service<LinkTokens>().Create(LinkTokens.ConfirmPurpose, campaign.Slug, signature.RowKey, TimeSpan.FromSeconds(-1),
            signature.GetDateTimeOffset("ReceivedAt")!.Value.ToUnixTimeMilliseconds());

        var answer = await new EmailLink("confirm", expired).FollowAsync(fixture.Http);

        Assert.Equal(HttpStatusCode.Gone, answer.StatusCode);
        Assert.Contains("Este enlace venció", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await fixture.JournalRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task Signing_again_resends_while_pending_sends_a_note_once_confirmed_and_never_more_than_five_emails()
    {
        var campaign = await fixture.NewCampaignAsync();
        var url = $"campaigns/{campaign.Slug}/signatures";
        const string address = "kwame@example.org";
        var first = await fixture.Http.PostAsync(url, Requests.Osdi("Kwame", "Mensah", address));
        await Outbox.WaitForAsync(fixture.OutboxFolder, address, 1);

        var second = await fixture.Http.PostAsync(url, Requests.Osdi("Kwame", "Mensah", address));
        var emails = await Outbox.WaitForAsync(fixture.OutboxFolder, address, 2);
        Assert.All(emails, e => Assert.StartsWith("Confirm your signature", e.Subject));

        Assert.Equal(HttpStatusCode.OK, (await Outbox.ConfirmLink(emails[1]).FollowAsync(fixture.Http)).StatusCode);
        var third = await fixture.Http.PostAsync(url, Requests.Osdi("Kwame", "Mensah", address));
        emails = await Outbox.WaitForAsync(fixture.OutboxFolder, address, 3);
        Assert.Single(emails, e => e.Subject?.StartsWith("You already signed", StringComparison.Ordinal) == true);

        // Each repeat comes after the email the one before asked for was handled (sent, or skipped).
        var more = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            more.Add(await fixture.Http.PostAsync(url, Requests.Osdi("Kwame", "Mensah", address)));
            await Drain.QueueAsync(fixture.Service<QueueServiceClient>(), StorageNames.ConfirmationsQueue);
        }
        await Outbox.WaitForAsync(fixture.OutboxFolder, address, 5);

        Assert.Equal(5, Outbox.To(fixture.OutboxFolder, address).Count);
        var body = await first.Content.ReadAsStringAsync();
        foreach (var answer in new[] { second, third }.Concat(more))
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            Assert.Equal(body, await answer.Content.ReadAsStringAsync());
        }
    }
}
