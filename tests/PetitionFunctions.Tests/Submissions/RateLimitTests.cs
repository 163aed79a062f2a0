using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

[Collection(AbuseCollection.Name)]
public sealed class RateLimitTests(AbuseFixture fixture) : IDisposable
{
    private readonly Dictionary<IPAddress, HttpClient> _clients = [];

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
    }

    /// <summary>A client computer of its own: requests from it come from an address no other test uses.</summary>
    private static IPAddress NewAddress() => ClientComputers.NewAddress();

    /// <summary>
    /// Signs from the client computer at <paramref name="address"/>. <paramref name="forwardedFor"/> is an
    /// X-Forwarded-For the client sends itself, which must make no difference.
    /// </summary>
    private Task<HttpResponseMessage> SignAsync(string slug, IPAddress address, int i, bool strict = false, bool form = false, string? forwardedFor = null)
    {
        var email = $"burst.{i}.{Guid.NewGuid():n}@example.org";
        var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{slug}/signatures")
        {
            Content = form
                ? Requests.Form(("given_name", "Rosa"), ("family_name", $"N{i}"), ("email", email), ("postal_code", "10027"),
                    ("return_url", "https://ndlon.example/gracias"))
                : Requests.Osdi("Rosa", $"N{i}", email),
        };
        if (forwardedFor is not null) request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (strict) request.Headers.Add(Requester.StrictRateLimitsHeader, "429");
        if (!_clients.TryGetValue(address, out var client))
            _clients[address] = client = ClientComputers.From(fixture.Http.BaseAddress!, address);
        return client.SendAsync(request);
    }

    private async Task<List<Azure.Data.Tables.TableEntity>> SignatureRows(string slug) =>
        (await fixture.SignatureRowsAsync(slug)).Where(r => !r.RowKey.Contains('-')).ToList();

    private async Task<int> CountAfterRollupAsync(string slug)
    {
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        return (await fixture.Service<SummaryTable>().FindAsync(slug, CancellationToken.None))!.Summary.Count;
    }

    [Fact]
    public async Task A_burst_from_one_address_is_answered_normally_flagged_and_only_the_first_counts()
    {
        // Nothing takes confirmations off the queue in this collection, and a peek sees only the first
        // 32 messages: the earlier tests' messages would hide this campaign's.
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync(c => c with { ReturnUrls = ["https://ndlon.example/gracias"], AllowedOrigins = ["https://ndlon.example"] });
        var address = NewAddress();

        for (var i = 0; i < 6; i++)
        {
            // Some posts name other addresses in their own X-Forwarded-For; the connection's address is the one believed.
            var answer = await SignAsync(campaign.Slug, address, i, form: i % 2 == 1, forwardedFor: i % 3 == 0 ? null : $"10.9.9.{i}, 203.0.113.{i}");
            Assert.Equal(i % 2 == 1 ? HttpStatusCode.SeeOther : HttpStatusCode.Accepted, answer.StatusCode);
        }

        // Intake stored all six without a look at the limits (two storage requests each) and queued each one's email.
        var stored = await SignatureRows(campaign.Slug);
        Assert.Equal(6, stored.Count);
        Assert.All(stored, r => Assert.True(r.GetBoolean("LimitsDue")));
        Assert.DoesNotContain(stored, r => r.GetString("Flag") is not null);
        Assert.Equal(6, (await fixture.MessagesForAsync(campaign.Slug)).Count);

        // The email jobs apply them: the first is under and gets its email; the other five are flagged and get none.
        await fixture.SendQueuedEmailsAsync();
        var rows = await SignatureRows(campaign.Slug);
        Assert.Single(rows, r => r.GetString("Flag") is null);
        Assert.Equal(5, rows.Count(r => r.GetString("Flag") == SignatureFlags.RateLimit));
        Assert.All(rows, r => Assert.False(r.GetBoolean("LimitsDue")));
        Assert.Equal(1, rows.Sum(r => r.GetInt32("EmailsSent")));
        Assert.Equal(1, Assert.Single(rows, r => r.GetString("Flag") is null).GetInt32("EmailsSent"));
        Assert.Equal(fixture.Service<SenderHashes>().ForAddress(address), Assert.Single(rows.Select(r => r.GetString("IpHash")).Distinct()));
        Assert.DoesNotContain(rows, r => ((IDictionary<string, object>)r).Values.OfType<string>().Any(v => v.Contains(address.ToString())));
        // A burst cannot fill anyone's inbox, and no outbox row is left owing the flagged ones an email.
        Assert.DoesNotContain(await fixture.SignatureRowsAsync(campaign.Slug), r => r.RowKey.StartsWith(PetitionFunctions.Email.OutboxRows.Prefix, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(address.ToString()));

        await fixture.ConfirmAllAsync(campaign.Slug);
        Assert.Equal(1, await CountAfterRollupAsync(campaign.Slug));
        Assert.Equal(6, (await SignatureRows(campaign.Slug)).Count(r => r.GetString("State") == "Confirmed"));

        // The nightly recount agrees: flagged rows are not counted there either.
        await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);
        Assert.Equal(1, (await fixture.Service<SummaryTable>().FindAsync(campaign.Slug, CancellationToken.None))!.Summary.Count);

        // And the signer list delivered to the target matches the count.
        var delivered = 0;
        await foreach (var _ in fixture.Service<PetitionFunctions.Delivery.ConfirmedSigners>().ReadAsync(campaign.Slug, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None))
            delivered++;
        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task A_client_that_asks_for_strict_limits_gets_429_with_Retry_After_and_nothing_is_stored()
    {
        var campaign = await fixture.NewCampaignAsync();
        var address = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, address, 0, strict: true)).StatusCode);

        var refused = await SignAsync(campaign.Slug, address, 1, strict: true);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var wait = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait.TotalSeconds, 1, 59);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:petition-functions:problem:rate-limited", problem.GetProperty("type").GetString());
        Assert.Single(await SignatureRows(campaign.Slug));
    }

    [Fact]
    public async Task Limits_are_per_address_and_a_new_window_takes_signatures_again()
    {
        var campaign = await fixture.NewCampaignAsync();
        var (first, second) = (NewAddress(), NewAddress());

        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, first, 0, strict: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, second, 1, strict: true)).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await SignAsync(campaign.Slug, first, 2, strict: true)).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await SignAsync(campaign.Slug, second, 3, strict: true)).StatusCode);
        var rows = await SignatureRows(campaign.Slug);
        Assert.Equal(2, rows.Count(r => r.GetString("Flag") is null));
        var hashes = fixture.Service<SenderHashes>();
        Assert.Equal(new[] { hashes.ForAddress(first), hashes.ForAddress(second) }.Order(), rows.Select(r => r.GetString("IpHash")).Order());

        fixture.LimiterClock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal((HttpStatusCode)202, (await SignAsync(campaign.Slug, first, 4, strict: true)).StatusCode);
        Assert.Equal(3, (await SignatureRows(campaign.Slug)).Count(r => r.GetString("Flag") is null));
    }

    [Theory]
    [InlineData("203.0.113.200")]
    [InlineData("10.0.0.1, 198.51.100.200, 203.0.113.201:443")]
    [InlineData("[2001:db8:77::1]:443")]
    [InlineData("127.0.0.1")]
    [InlineData("not-an-address")]
    [InlineData("unknown, , ,")]
    public async Task A_client_s_own_X_Forwarded_For_does_not_get_it_out_of_its_bucket(string forwardedFor)
    {
        var campaign = await fixture.NewCampaignAsync();
        var (address, untouched) = (NewAddress(), NewAddress());
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, address, 0, strict: true)).StatusCode);

        // Whatever it claims, even the address of a computer that has not signed, it is still the computer that just signed.
        var claimingAnother = await SignAsync(campaign.Slug, address, 1, strict: true, forwardedFor: $"{forwardedFor}, {untouched}");
        var claimingThis = await SignAsync(campaign.Slug, address, 2, strict: true, forwardedFor: forwardedFor);

        Assert.Equal((HttpStatusCode)429, claimingAnother.StatusCode);
        Assert.Equal((HttpStatusCode)429, claimingThis.StatusCode);
        // The address it named is untouched: that computer signs in this same window.
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, untouched, 3, strict: true)).StatusCode);
        var rows = await SignatureRows(campaign.Slug);
        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(rows, r => r.GetString("Flag") is not null);
    }

    [Fact]
    public async Task A_campaign_sets_its_own_limits_and_an_admin_releases_a_flagged_signature_into_the_count()
    {
        var campaign = await fixture.NewCampaignAsync();
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var document = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            await admin.GetStringAsync($"manage/campaigns/{campaign.Slug}"))!;
        var edited = document.ToDictionary(p => p.Key, p => (object)p.Value);
        edited["rate_limits"] = new[] { new { count = 3, window_seconds = 60 } };
        var saved = await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}", edited);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("rate_limits")[0].GetProperty("count").GetInt32());

        var address = NewAddress();
        await fixture.Confirmations.ClearMessagesAsync();
        for (var i = 0; i < 5; i++) await SignAsync(campaign.Slug, address, i);
        await fixture.SendQueuedEmailsAsync();
        var rows = await SignatureRows(campaign.Slug);
        Assert.Equal(3, rows.Count(r => r.GetString("Flag") is null));
        await fixture.ConfirmAllAsync(campaign.Slug);
        Assert.Equal(3, await CountAfterRollupAsync(campaign.Slug));

        var flagged = rows.First(r => r.GetString("Flag") is not null).RowKey;
        var listed = JsonDocument.Parse(await admin.GetStringAsync($"manage/campaigns/{campaign.Slug}/signatures/{flagged}")).RootElement;
        Assert.Equal("rate-limit", listed.GetProperty("petitionfunctions:flag").GetString());
        var released = await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{flagged}/release", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.False(JsonDocument.Parse(await released.Content.ReadAsStringAsync()).RootElement.TryGetProperty("petitionfunctions:flag", out _));
        // Releasing twice changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{flagged}/release", null)).StatusCode);
        Assert.Equal(4, await CountAfterRollupAsync(campaign.Slug));

        var invalid = await admin.PutAsJsonAsync($"manage/campaigns/{campaign.Slug}",
            edited.Append(new("rate_limits", new[] { new { count = 0, window_seconds = 60 } })).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("rate_limits[0].count", await invalid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Releasing_an_unconfirmed_flagged_signature_sends_the_confirmation_email_intake_held_back_once()
    {
        await fixture.Confirmations.ClearMessagesAsync();
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var campaign = await fixture.NewCampaignAsync(c => c with { RateLimits = [new PetitionFunctions.Campaigns.RateLimitRule(1, 60)] });
        var address = NewAddress();
        await SignAsync(campaign.Slug, address, 0);
        await SignAsync(campaign.Slug, address, 1);
        await fixture.SendQueuedEmailsAsync();
        var flagged = Assert.Single(await SignatureRows(campaign.Slug), r => r.GetString("Flag") is not null).RowKey;
        Assert.Empty(await fixture.MessagesForAsync(campaign.Slug));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{flagged}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{flagged}/release", null)).StatusCode);

        var message = Assert.Single(await fixture.MessagesForAsync(campaign.Slug));
        Assert.Contains(flagged, message, StringComparison.Ordinal);
        await fixture.SendQueuedEmailsAsync();
        var released = Assert.Single(await SignatureRows(campaign.Slug), r => r.RowKey == flagged);
        Assert.Equal(1, released.GetInt32("EmailsSent"));
        Assert.Null(released.GetString("Flag"));
    }

    [Fact]
    public async Task An_email_job_that_runs_again_after_a_failure_does_not_take_a_second_slot()
    {
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync(c => c with { RateLimits = [new PetitionFunctions.Campaigns.RateLimitRule(1, 60)] });
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, NewAddress(), 0)).StatusCode);
        var request = PetitionFunctions.Email.EmailRequest.Parse(Assert.Single(await fixture.MessagesForAsync(campaign.Slug)));

        // The job composes the email (applying the limits), then the send fails and the queue runs it again.
        var outbox = fixture.Service<PetitionFunctions.Confirmation.SignatureOutbox>();
        Assert.NotNull(await outbox.ComposeAsync(request, CancellationToken.None));
        Assert.NotNull(await outbox.ComposeAsync(request, CancellationToken.None));

        var row = Assert.Single(await SignatureRows(campaign.Slug));
        Assert.Null(row.GetString("Flag"));
        Assert.False(row.GetBoolean("LimitsDue"));
    }

    [Fact]
    public async Task A_strict_client_s_signature_took_its_slot_at_intake_and_its_email_job_takes_none()
    {
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync(c => c with { RateLimits = [new PetitionFunctions.Campaigns.RateLimitRule(2, 60)] });
        var address = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, address, 0, strict: true)).StatusCode);
        Assert.False(Assert.Single(await SignatureRows(campaign.Slug)).GetBoolean("LimitsDue"));
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, address, 1)).StatusCode);

        await fixture.SendQueuedEmailsAsync();

        // Two slots a minute: the strict one's and the other's; had the strict one's job taken another, the second would be flagged.
        var rows = await SignatureRows(campaign.Slug);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.GetString("Flag")));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignAsync(campaign.Slug, address, 2, strict: true)).StatusCode);
    }

    [Fact]
    public async Task The_sweep_deletes_the_slots_of_ended_windows_only()
    {
        var table = fixture.Service<RateLimitTable>();
        var partition = $"sweep-test:{Guid.NewGuid():n}";
        var now = DateTimeOffset.UtcNow;
        Assert.True(await table.TryTakeAsync(partition, "60-1-0", now.AddYears(-1), CancellationToken.None));
        Assert.True(await table.TryTakeAsync(partition, "60-2-0", now.AddYears(1), CancellationToken.None));
        Assert.False(await table.TryTakeAsync(partition, "60-2-0", now.AddYears(1), CancellationToken.None));

        await table.SweepAsync(now, CancellationToken.None);

        Assert.True(await table.TryTakeAsync(partition, "60-1-0", now.AddYears(1), CancellationToken.None));
        Assert.False(await table.TryTakeAsync(partition, "60-2-0", now.AddYears(1), CancellationToken.None));
    }
}
