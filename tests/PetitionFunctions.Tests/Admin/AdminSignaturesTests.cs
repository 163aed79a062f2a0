using System.Globalization;
using System.Net;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Admin;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

[Collection(LocalHostCollection.Name)]
public sealed class AdminSignaturesTests(LocalHostFixture fixture)
{
    /// <summary>Names and addresses no other test uses, so the logs can be searched for them.</summary>
    private static string GivenName(int i) => $"Xochitl{i:D2}";

    private static string Email(string slug, int i) => $"xochitl.{i:D2}.{slug}@example.org";

    private async Task<List<string>> SignAsync(string slug, int people, int from = 0)
    {
        for (var i = from; i < from + people; i++)
        {
            var answer = await fixture.Http.PostAsync($"campaigns/{slug}/signatures",
                Requests.Osdi(GivenName(i), "Tlaloc", Email(slug, i), postalCode: "10027", language: i % 2 == 0 ? "es" : "en",
                    source: "partner-admin", comments: $"Comentario privado {i}"));
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }
        return (await fixture.SignatureRowsAsync(slug)).Select(r => r.RowKey).Where(k => !k.Contains('-')).Order(StringComparer.Ordinal).ToList();
    }

    private Task ConfirmAsync(string slug, string key) =>
        fixture.Service<SignatureTable>().ConfirmAsync(slug, key, DateTimeOffset.UtcNow, CancellationToken.None);

    private async Task<int> CountAfterRollupAsync(string slug)
    {
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        return (await fixture.Service<SummaryTable>().FindAsync(slug, CancellationToken.None))!.Summary.Count;
    }

    private static async Task<JsonElement> HalOf(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HalJson.MediaType, answer.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", answer.Headers.CacheControl!.ToString());
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
    }

    private static IEnumerable<JsonElement> Embedded(JsonElement page) => page.GetProperty("_embedded").GetProperty("osdi:signatures").EnumerateArray();

    private static string KeyOf(JsonElement signature) => signature.GetProperty("identifiers")[0].GetString()!["petitionfunctions:".Length..];

    [Fact]
    public async Task Every_admin_read_that_decrypts_signers_is_logged_with_the_admin_s_id_and_a_count_never_the_data()
    {
        var campaign = await fixture.NewCampaignAsync();
        var keys = await SignAsync(campaign.Slug, 3);
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        const string adminId = "00000000-0000-4000-8000-00000000de01";

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?per_page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures/{keys[1]}")).StatusCode);

        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Admin {adminId} read 2 decrypted signatures on {campaign.Slug} (page 1)", StringComparison.Ordinal));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Admin {adminId} read 1 decrypted signature ({LogRefs.Of(keys[1])}) on {campaign.Slug}", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(Email(campaign.Slug, 1), StringComparison.OrdinalIgnoreCase) || l.Contains(GivenName(1), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Thirty_signatures_are_listed_on_two_pages_with_HAL_links_and_filters()
    {
        var campaign = await fixture.NewCampaignAsync();
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var keys = await SignAsync(campaign.Slug, 30);
        foreach (var key in keys.Take(10)) await ConfirmAsync(campaign.Slug, key);
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var collection = new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{campaign.Slug}/signatures").AbsoluteUri;

        var first = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures"));

        Assert.Equal(30, first.GetProperty("total_records").GetInt32());
        Assert.Equal(2, first.GetProperty("total_pages").GetInt32());
        Assert.Equal(25, first.GetProperty("per_page").GetInt32());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(25, Embedded(first).Count());
        var links = first.GetProperty("_links");
        Assert.Equal(collection + "?page=1&per_page=25", links.GetProperty("self").GetProperty("href").GetString());
        Assert.Equal(collection + "?page=2&per_page=25", links.GetProperty("next").GetProperty("href").GetString());
        Assert.False(links.TryGetProperty("previous", out _));

        var second = await HalOf(await admin.GetAsync(links.GetProperty("next").GetProperty("href").GetString()));
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(5, Embedded(second).Count());
        Assert.Equal(collection + "?page=1&per_page=25", second.GetProperty("_links").GetProperty("previous").GetProperty("href").GetString());
        Assert.False(second.GetProperty("_links").TryGetProperty("next", out _));
        Assert.Equal(keys.Order(), Embedded(first).Concat(Embedded(second)).Select(KeyOf).Order());

        var oversized = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?per_page=100"));
        Assert.Equal(25, oversized.GetProperty("per_page").GetInt32());

        var confirmed = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?state=confirmed&per_page=4&page=3"));
        Assert.Equal(10, confirmed.GetProperty("total_records").GetInt32());
        Assert.Equal(3, confirmed.GetProperty("total_pages").GetInt32());
        Assert.Equal(2, Embedded(confirmed).Count());
        Assert.All(Embedded(confirmed), s => Assert.Equal("confirmed", s.GetProperty("petitionfunctions:state").GetString()));
        Assert.Equal(collection + "?page=2&per_page=4&state=confirmed", confirmed.GetProperty("_links").GetProperty("previous").GetProperty("href").GetString());
        var unconfirmed = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?state=unconfirmed"));
        Assert.Equal(20, unconfirmed.GetProperty("total_records").GetInt32());

        var since = Uri.EscapeDataString(started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(30, (await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?modified_since={since}"))).GetProperty("total_records").GetInt32());
        var none = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?modified_since={future}"));
        Assert.Equal(0, none.GetProperty("total_records").GetInt32());
        Assert.Empty(Embedded(none));
    }

    [Fact]
    public async Task Each_signature_is_shown_in_OSDI_shape_decrypted_with_a_working_self_link()
    {
        var campaign = await fixture.NewCampaignAsync();
        var key = Assert.Single(await SignAsync(campaign.Slug, 1, from: 40));
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        var page = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures"));
        var signature = Assert.Single(Embedded(page));

        Assert.Equal("petitionfunctions:" + key, signature.GetProperty("identifiers")[0].GetString());
        Assert.Equal("unconfirmed", signature.GetProperty("petitionfunctions:state").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", signature.GetProperty("created_date").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", signature.GetProperty("modified_date").GetString());
        Assert.True(signature.GetProperty("created_date").GetDateTimeOffset() <= signature.GetProperty("modified_date").GetDateTimeOffset());
        Assert.False(signature.TryGetProperty("state", out _));
        var person = signature.GetProperty("_embedded").GetProperty("osdi:person");
        Assert.Equal(GivenName(40), person.GetProperty("given_name").GetString());
        Assert.Equal("Tlaloc", person.GetProperty("family_name").GetString());
        Assert.Equal(Email(campaign.Slug, 40), person.GetProperty("email_addresses")[0].GetProperty("address").GetString());
        var address = person.GetProperty("postal_addresses")[0];
        Assert.Equal("10027", address.GetProperty("postal_code").GetString());
        Assert.Equal("New York", address.GetProperty("locality").GetString());
        Assert.Equal("NY", address.GetProperty("region").GetString());
        Assert.Equal("es", person.GetProperty("preferred_language").GetString());
        Assert.Equal("Comentario privado 40", signature.GetProperty("comments").GetString());
        Assert.Equal("partner-admin", signature.GetProperty("referrer_data").GetProperty("source").GetString());

        var signatureLinks = signature.GetProperty("_links");
        var self = signatureLinks.GetProperty("self").GetProperty("href").GetString()!;
        Assert.EndsWith($"/api/manage/campaigns/{campaign.Slug}/signatures/{key}", self);
        Assert.Equal(self, signatureLinks.GetProperty("osdi:person").GetProperty("href").GetString());
        Assert.EndsWith($"/api/campaigns/{campaign.Slug}", signatureLinks.GetProperty("osdi:petition").GetProperty("href").GetString());
        Assert.Equal(self, page.GetProperty("_links").GetProperty("osdi:signatures")[0].GetProperty("href").GetString());
        Assert.Equal("osdi", page.GetProperty("_links").GetProperty("curies")[0].GetProperty("name").GetString());
        var one = await HalOf(await admin.GetAsync(self));
        Assert.Equal(signature.GetRawText(), one.GetRawText());
    }

    [Fact]
    public async Task Invalidating_a_confirmed_signature_takes_it_off_the_count_and_restoring_puts_it_back()
    {
        var campaign = await fixture.NewCampaignAsync();
        var keys = await SignAsync(campaign.Slug, 3, from: 50);
        foreach (var key in keys) await ConfirmAsync(campaign.Slug, key);
        Assert.Equal(3, await CountAfterRollupAsync(campaign.Slug));
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var url = $"manage/campaigns/{campaign.Slug}/signatures/{keys[0]}";

        var invalidated = await HalOf(await admin.PostAsync(url + "/invalidate", null));
        var again = await HalOf(await admin.PostAsync(url + "/invalidate", null));

        Assert.Equal("invalidated", invalidated.GetProperty("petitionfunctions:state").GetString());
        Assert.Equal("invalidated", again.GetProperty("petitionfunctions:state").GetString());
        Assert.Single(await JournalRowsAsync(campaign.Slug, keys[0], SignatureTable.InvalidationSuffix));
        Assert.Equal(2, await CountAfterRollupAsync(campaign.Slug));
        var listed = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?state=invalidated"));
        Assert.Equal([keys[0]], Embedded(listed).Select(KeyOf));

        // Opening the confirm link again (a mail scanner, the signer) does not count it back in.
        await ConfirmAsync(campaign.Slug, keys[0]);
        Assert.Equal(2, await CountAfterRollupAsync(campaign.Slug));

        var restored = await HalOf(await admin.PostAsync(url + "/restore", null));
        await admin.PostAsync(url + "/restore", null);

        Assert.Equal("confirmed", restored.GetProperty("petitionfunctions:state").GetString());
        Assert.Single(await JournalRowsAsync(campaign.Slug, keys[0], SignatureTable.RestorationSuffix));
        Assert.Equal(3, await CountAfterRollupAsync(campaign.Slug));
    }

    [Fact]
    public async Task Invalidating_an_unconfirmed_signature_only_marks_it_and_restoring_leaves_it_unconfirmed()
    {
        var campaign = await fixture.NewCampaignAsync();
        var key = Assert.Single(await SignAsync(campaign.Slug, 1, from: 60));
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var url = $"manage/campaigns/{campaign.Slug}/signatures/{key}";

        Assert.Equal("invalidated", (await HalOf(await admin.PostAsync(url + "/invalidate", null))).GetProperty("petitionfunctions:state").GetString());
        await ConfirmAsync(campaign.Slug, key);
        Assert.Equal("invalidated", (await HalOf(await admin.GetAsync(url))).GetProperty("petitionfunctions:state").GetString());
        Assert.Equal("unconfirmed", (await HalOf(await admin.PostAsync(url + "/restore", null))).GetProperty("petitionfunctions:state").GetString());

        Assert.Empty(await JournalRowsAsync(campaign.Slug, key, ""));
        Assert.Equal(0, await CountAfterRollupAsync(campaign.Slug));
    }

    [Fact]
    public async Task An_OSDI_filter_on_modified_date_lists_only_what_changed_after_it_and_the_paging_links_keep_it()
    {
        var campaign = await fixture.NewCampaignAsync();
        var keys = await SignAsync(campaign.Slug, 3, from: 80);
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var before = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures"));
        // Listed times are whole seconds: everything so far changed before the second after the latest one shown.
        var since = Embedded(before).Max(s => s.GetProperty("modified_date").GetDateTimeOffset()).AddSeconds(1);
        await Eventually.True(() => DateTimeOffset.UtcNow > since.AddMilliseconds(100));
        await ConfirmAsync(campaign.Slug, keys[1]);
        var filter = $"modified_date gt '{since:yyyy-MM-dd'T'HH:mm:ss'Z'}'";

        var changed = await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?per_page=1&filter={Uri.EscapeDataString(filter)}"));

        var only = Assert.Single(Embedded(changed));
        Assert.Equal("petitionfunctions:" + keys[1], only.GetProperty("identifiers")[0].GetString());
        Assert.Equal(1, changed.GetProperty("total_records").GetInt32());
        Assert.Contains("filter=" + Uri.EscapeDataString(filter), changed.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task Unknown_signatures_and_campaigns_are_404_bad_queries_400_and_no_token_401()
    {
        var campaign = await fixture.NewCampaignAsync();
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var missing = new string('0', 64);

        var unknownKey = await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{missing}/invalidate", null);
        Assert.Equal(HttpStatusCode.NotFound, unknownKey.StatusCode);
        Assert.Contains("signature-not-found", await unknownKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/not-a-key/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures/{missing}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("manage/campaigns/no-such-campaign/signatures")).StatusCode);

        var bad = await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?page=0&state=deleted&lang=es");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(AdminMessages.InvalidPage.In(Language.Es), errors.GetProperty("page")[0].GetString());
        Assert.Equal(AdminMessages.InvalidSignatureState.In(Language.Es), errors.GetProperty("state")[0].GetString());

        var badFilter = await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures?filter={Uri.EscapeDataString("modified_date after 'yesterday'")}");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(AdminMessages.InvalidFilter.In(Language.En),
            JsonDocument.Parse(await badFilter.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("filter")[0].GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.GetAsync($"manage/campaigns/{campaign.Slug}/signatures")).StatusCode);
    }

    [Fact]
    public async Task Listing_and_changing_signatures_writes_no_name_email_or_comment_to_the_logs()
    {
        var campaign = await fixture.NewCampaignAsync();
        var keys = await SignAsync(campaign.Slug, 2, from: 70);
        await ConfirmAsync(campaign.Slug, keys[0]);
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        await HalOf(await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures"));
        await HalOf(await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{keys[0]}/invalidate", null));
        await HalOf(await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{keys[0]}/restore", null));

        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Signature {LogRefs.Of(keys[0])} on {campaign.Slug} invalidated by"));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(keys[0][..8], StringComparison.Ordinal));
        foreach (var secret in new[] { GivenName(70), GivenName(71), "Tlaloc", Email(campaign.Slug, 70), Email(campaign.Slug, 71), "Comentario privado 7" })
            Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A signature's journal rows of one kind: they are named by the signature's random journal id, not by its key.</summary>
    private async Task<List<string>> JournalRowsAsync(string slug, string key, string suffix)
    {
        var journalRef = (await fixture.Service<SignatureTable>().FindAsync(slug, key, CancellationToken.None))!.JournalRef!;
        return (await fixture.JournalRowsAsync(slug))
            .Select(r => r.RowKey)
            .Where(k => k.EndsWith(journalRef + suffix, StringComparison.Ordinal))
            .ToList();
    }
}
