using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Counting;

[Collection(LocalHostCollection.Name)]
public sealed class CountingTests(LocalHostFixture fixture)
{
    private async Task SignAsync(string slug, int people, string source = "partner-a", string language = "en")
    {
        for (var i = 0; i < people; i++)
            await fixture.Http.PostAsync($"campaigns/{slug}/signatures",
                Requests.Osdi("Signer", $"N{i}", $"{Guid.NewGuid():n}@example.org", postalCode: "10027", language: language, source: source));
    }

    [Fact]
    public async Task A_summary_with_a_thousand_long_escaped_regions_and_sources_is_stored()
    {
        var campaign = await fixture.NewCampaignAsync();
        var summary = Tally.Add(CampaignSummary.Empty(campaign), campaign, TallyTests.LongEscapedKeys(1_000), DateTimeOffset.UtcNow.UtcTicks, DateTimeOffset.UtcNow);
        var summaries = fixture.Service<SummaryTable>();

        Assert.True(await summaries.TrySaveAsync(summary, null, CancellationToken.None));

        Assert.Equal(1_000, (await summaries.FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Breakdowns.Region.Values.Sum());
    }


    [Fact]
    public async Task A_confirmation_younger_than_the_lag_window_shows_in_the_public_count_at_once_and_is_counted_once_it_is_older()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 2);
        await fixture.ConfirmAllAsync(campaign.Slug);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var rollup = new CountRollup(fixture.Service<PetitionFunctions.Campaigns.CampaignTable>(), fixture.Service<PetitionFunctions.Signatures.SignatureTable>(),
            fixture.Service<SummaryTable>(), fixture.Service<ILetterEndorsements>(), clock,
            Microsoft.Extensions.Options.Options.Create(new CountingOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<CountRollup>.Instance);

        var recent = (await rollup.RollupCampaignAsync(campaign.Slug, CancellationToken.None))!;
        Assert.Equal((0, 2, 2), (recent.Count, recent.Recent, recent.PublicCount));
        Assert.Empty(recent.Breakdowns.Source);
        var count = JsonDocument.Parse(await fixture.Http.GetStringAsync($"campaigns/{campaign.Slug}/count")).RootElement;
        Assert.Equal(2, count.GetProperty("count").GetInt32());
        Assert.Equal(clock.GetUtcNow(), count.GetProperty("as_of").GetDateTimeOffset());
        // Nothing is counted yet, so nothing is archived: the rows are read again by the next runs.
        Assert.Equal(2, (await ToListAsync(fixture.Service<PetitionFunctions.Signatures.SignatureTable>().JournalAsync(campaign.Slug, CancellationToken.None))).Count);

        clock.Advance(new CountingOptions().LagWindow + TimeSpan.FromSeconds(1));
        var settled = (await rollup.RollupCampaignAsync(campaign.Slug, CancellationToken.None))!;
        Assert.Equal((2, 0, 2), (settled.Count, settled.Recent, settled.PublicCount));
        Assert.Equal(2, settled.Breakdowns.Source["partner-a"]);
        Assert.Empty(await ToListAsync(fixture.Service<PetitionFunctions.Signatures.SignatureTable>().JournalAsync(campaign.Slug, CancellationToken.None)));
    }

    [Fact]
    public async Task A_roll_up_counts_confirmed_signatures_only_with_their_breakdowns()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 3, source: "partner-a", language: "es");
        await fixture.ConfirmAllAsync(campaign.Slug);
        await SignAsync(campaign.Slug, 2, source: "partner-b");

        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        var summary = (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary;
        Assert.Equal(3, summary.Count);
        Assert.Equal(new Dictionary<string, int> { ["partner-a"] = 3 }, summary.Breakdowns.Source);
        Assert.Equal(new Dictionary<string, int> { ["es"] = 3 }, summary.Breakdowns.Language);
        Assert.Equal(new Dictionary<string, int> { ["NY"] = 3 }, summary.Breakdowns.Region);
        Assert.Equal(new Dictionary<string, int> { ["100"] = 3 }, summary.Breakdowns.PostalPrefix);

        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        summary = (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary;
        Assert.Equal(5, summary.Count);
        Assert.Equal(2, summary.Breakdowns.Source["partner-b"]);
    }

    [Fact]
    public async Task Concurrent_roll_ups_never_count_a_confirmation_twice()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 20);
        await fixture.ConfirmAllAsync(campaign.Slug);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => fixture.Service<CountRollup>().RollupAsync(CancellationToken.None))));
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        Assert.Equal(20, (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Count);
    }

    [Fact]
    public async Task Counted_journal_rows_move_to_the_archive_so_the_next_roll_up_reads_only_new_ones()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 3);
        await fixture.ConfirmAllAsync(campaign.Slug);
        var signatures = fixture.Service<PetitionFunctions.Signatures.SignatureTable>();

        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        Assert.Empty(await ToListAsync(signatures.JournalAsync(campaign.Slug, CancellationToken.None)));
        var archived = await fixture.JournalRowsAsync(campaign.Slug);
        Assert.Equal(3, archived.Count);
        Assert.Equal(3, (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Count);

        // A roll-up that saved its count but stopped before archiving leaves rows below the watermark:
        // the next run moves them and does not count them again.
        var archive = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.JournalArchiveTable);
        var leftover = archived[0];
        await fixture.Signatures.AddEntityAsync(leftover);
        await archive.DeleteEntityAsync(leftover.PartitionKey, leftover.RowKey);
        await SignAsync(campaign.Slug, 1);
        await fixture.ConfirmAllAsync(campaign.Slug);

        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        Assert.Equal(4, (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Count);
        Assert.Empty(await ToListAsync(signatures.JournalAsync(campaign.Slug, CancellationToken.None)));
        Assert.Equal(4, (await fixture.JournalRowsAsync(campaign.Slug)).Count);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    [Fact]
    public async Task Reconciliation_corrects_a_summary_that_drifted_from_the_signatures_and_logs_the_difference()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 4);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        var summaries = fixture.Service<SummaryTable>();
        var current = (await summaries.FindAsync(campaign.Slug, CancellationToken.None))!;
        Assert.True(await summaries.TrySaveAsync(current.Summary with { Count = 7 }, current.Version, CancellationToken.None));

        await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);

        var reconciled = (await summaries.FindAsync(campaign.Slug, CancellationToken.None))!.Summary;
        Assert.Equal(4, reconciled.Count);
        Assert.Equal(current.Summary.WatermarkTicks, reconciled.WatermarkTicks);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Reconciled {campaign.Slug}") && l.Contains("difference -3"));
    }

    [Fact]
    public async Task Reconciliation_leaves_alone_an_invalidation_the_roll_up_has_not_applied_yet_so_it_is_subtracted_once()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 2);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        var key = (await fixture.SignatureRowsAsync(campaign.Slug)).First(r => !r.RowKey.Contains('-')).RowKey;
        await fixture.Service<PetitionFunctions.Signatures.SignatureTable>().InvalidateAsync(campaign.Slug, key, DateTimeOffset.UtcNow, CancellationToken.None);

        await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        // Had the reconciliation taken the invalidation into the count, the roll-up would subtract it again: 0.
        Assert.Equal(1, (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Count);
        await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);
        Assert.Equal(1, (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Count);
    }

    [Fact]
    public async Task The_public_campaign_read_is_in_the_requested_language_with_count_cache_headers_and_an_etag()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 2);
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        var answer = await fixture.Http.GetAsync($"campaigns/{campaign.Slug}?lang=es");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(campaign.Title.Es, body.GetProperty("title").GetString());
        Assert.Equal("es", body.GetProperty("language").GetString());
        Assert.Equal(2, body.GetProperty("count").GetInt32());
        Assert.Equal(2500, body.GetProperty("goal").GetInt32());
        Assert.Equal(PublicJson.CacheControl, string.Join(", ", answer.Headers.GetValues("Cache-Control")));
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.DoesNotContain("@example.org", await answer.Content.ReadAsStringAsync());

        var again = new HttpRequestMessage(HttpMethod.Get, $"campaigns/{campaign.Slug}?lang=es");
        again.Headers.IfNoneMatch.Add(answer.Headers.ETag!);
        var notModified = await fixture.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var english = await fixture.Http.GetAsync($"campaigns/{campaign.Slug}?lang=en");
        Assert.NotEqual(answer.Headers.ETag, english.Headers.ETag);
    }

    [Fact]
    public async Task The_count_read_is_small_and_can_show_a_partner_its_own_count()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 2, source: "partner-a");
        await SignAsync(campaign.Slug, 1, source: "partner-b");
        await fixture.ConfirmAllAsync(campaign.Slug);
        var confirmed = DateTimeOffset.UtcNow;
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        var total = JsonDocument.Parse(await fixture.Http.GetStringAsync($"campaigns/{campaign.Slug}/count")).RootElement;
        // as_of: every confirmation before it is in the count (here, with no lag window, the roll-up's own time).
        Assert.InRange(total.GetProperty("as_of").GetDateTimeOffset(), confirmed, DateTimeOffset.UtcNow);
        var partner = JsonDocument.Parse(await fixture.Http.GetStringAsync($"campaigns/{campaign.Slug}/count?source=partner-b")).RootElement;

        Assert.Equal(3, total.GetProperty("count").GetInt32());
        Assert.Equal(2500, total.GetProperty("goal").GetInt32());
        Assert.Equal(1, partner.GetProperty("source_count").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync("campaigns/no-such-campaign/count")).StatusCode);
    }

    [Fact]
    public async Task A_partner_asks_for_its_count_with_the_source_it_sends_and_gets_the_count_of_its_stored_code()
    {
        var campaign = await fixture.NewCampaignAsync();
        await SignAsync(campaign.Slug, 2, source: "email/2026-05 blast:es");
        await SignAsync(campaign.Slug, 1, source: "Email 2026-05 Blast ES");
        await SignAsync(campaign.Slug, 1, source: "partner-b");
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        var partner = JsonDocument.Parse(await fixture.Http.GetStringAsync(
            $"campaigns/{campaign.Slug}/count?source={Uri.EscapeDataString("email/2026-05 blast:es")}")).RootElement;

        Assert.Equal(4, partner.GetProperty("count").GetInt32());
        Assert.Equal("email-2026-05-blast-es", partner.GetProperty("source").GetString());
        Assert.Equal(3, partner.GetProperty("source_count").GetInt32());
    }

    [Fact]
    public async Task A_draft_campaign_is_not_public_yet()
    {
        var draft = await fixture.NewCampaignAsync(c => c with { State = PetitionFunctions.Campaigns.CampaignState.Draft });

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"campaigns/{draft.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"campaigns/{draft.Slug}/count")).StatusCode);
    }

    [Fact]
    public async Task A_draft_campaign_answers_a_signature_as_unknown_too_so_a_post_cannot_tell_it_exists()
    {
        var draft = await fixture.NewCampaignAsync(c => c with { State = PetitionFunctions.Campaigns.CampaignState.Draft });

        var answer = await fixture.Http.PostAsync($"campaigns/{draft.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana.draft@example.org"));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("campaign-not-found", await answer.Content.ReadAsStringAsync());
        Assert.Empty((await fixture.SignatureRowsAsync(draft.Slug)));
    }
}
