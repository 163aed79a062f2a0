using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Email;

/// <summary>The app-wide email budget an admin sets: emails past it wait in the outbox for a later minute, across every instance.</summary>
public sealed class SendingBudgetTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task Past_the_budget_an_admin_set_no_minute_sends_more_and_the_rest_wait_in_the_outbox()
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var before = await admin.GetFromJsonAsync<JsonElement>("manage/email-budget");
        Assert.Equal((0, "configuration"), (before.GetProperty("per_minute").GetInt32(), before.GetProperty("source").GetString()));
        var set = await admin.PutAsJsonAsync("manage/email-budget", new { per_minute = 2 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var campaign = await fixture.NewCampaignAsync();
        var addresses = Enumerable.Range(1, 5).Select(i => $"budget{i}.{campaign.Slug}@example.org").ToList();

        try
        {
            foreach (var address in addresses)
                Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Budget", address))).StatusCode);
            await Drain.QueueAsync(fixture.Service<QueueServiceClient>(), StorageNames.ConfirmationsQueue);

            var sent = addresses.SelectMany(address => Directory.GetFiles(fixture.OutboxFolder, "*.eml")
                .Where(file => File.ReadAllText(file).Contains(address, StringComparison.OrdinalIgnoreCase))).ToList();
            var waiting = (await fixture.SignatureRowsAsync(campaign.Slug)).Where(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal)).ToList();
            // The outbox names its files by the second they were written: no minute holds more than two.
            Assert.All(sent.GroupBy(file => Path.GetFileName(file)[..13]), minute => Assert.True(minute.Count() <= 2, minute.Key));
            Assert.InRange(sent.Count, 2, 4);
            Assert.Equal(5, sent.Count + waiting.Count);
            Assert.All(waiting, row => Assert.True(row.GetDateTimeOffset("DueAt") > DateTimeOffset.UtcNow.AddSeconds(-1)));
            var shown = await admin.GetFromJsonAsync<JsonElement>("manage/email-budget");
            Assert.Equal((2, "admin"), (shown.GetProperty("per_minute").GetInt32(), shown.GetProperty("source").GetString()));
            Assert.False(string.IsNullOrEmpty(shown.GetProperty("changed_by").GetString()));
        }
        finally
        {
            await admin.PutAsJsonAsync("manage/email-budget", new { per_minute = 0 });
        }
    }

    [Theory]
    [InlineData("{\"per_minute\": -1}", "per_minute")]
    [InlineData("{\"per_minute\": 100001}", "per_minute")]
    [InlineData("{\"per_minute\": 2.5}", "per_minute")]
    [InlineData("{\"per_minute\": \"30\"}", "per_minute")]
    [InlineData("{}", "per_minute")]
    [InlineData("{\"per_minute\": 30, \"per_hour\": 100}", "per_hour")]
    [InlineData("[30]", "body")]
    public async Task A_bad_budget_is_refused_field_by_field_and_changes_nothing(string body, string field)
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        var answer = await admin.PutAsync("manage/email-budget", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        Assert.True(JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
        Assert.NotEqual(100001, (await admin.GetFromJsonAsync<JsonElement>("manage/email-budget")).GetProperty("per_minute").GetInt32());
    }

    [Fact]
    public async Task A_budget_split_over_two_counter_rows_sends_exactly_the_budget_in_a_minute_and_spreads_the_rest()
    {
        var minute = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1_000_000));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(minute.AddSeconds(10));
        var budget = new SendingBudget(fixture.Service<Azure.Data.Tables.TableServiceClient>(),
            Microsoft.Extensions.Options.Options.Create(new EmailOptions { PerMinute = 601 }), clock);

        // An admin's budget wins over the configured one, and the other tests here set one: this test sets its own.
        await budget.SaveAsync(601, "test", CancellationToken.None);
        var answers = new List<DateTimeOffset?>();
        try
        {
            for (var i = 0; i < 800; i++) answers.Add(await budget.TakeAsync(CancellationToken.None));
        }
        finally
        {
            // Back to no admin's budget, as the other tests here expect to find it.
            await fixture.Service<Azure.Data.Tables.TableServiceClient>().GetTableClient(StorageNames.SettingsTable).DeleteEntityAsync("email", "budget");
        }

        Assert.Equal(601, answers.Count(later => later is null));
        var deferred = answers.OfType<DateTimeOffset>().ToList();
        Assert.Equal(199, deferred.Count);
        Assert.All(deferred, at => Assert.True(at >= minute.AddMinutes(1)));
        Assert.All(deferred.GroupBy(SendingBudgetRule.MinuteOf), later => Assert.True(later.Count() <= 601));
        var counters = fixture.Service<Azure.Data.Tables.TableServiceClient>().GetTableClient(StorageNames.RateLimitsTable);
        var row = minute.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var sent = new List<int>();
        foreach (var partition in new[] { "email-budget-0", "email-budget-1" })
            sent.Add((await counters.GetEntityAsync<Azure.Data.Tables.TableEntity>(partition, row)).Value.GetInt32("Sent")!.Value);
        Assert.Equal([301, 300], sent);
    }

    [Fact]
    public async Task Only_the_admin_role_sets_the_budget()
    {
        using var stories = fixture.AdminClient(AdminRoles.Stories);
        Assert.Equal(HttpStatusCode.Forbidden, (await stories.PutAsJsonAsync("manage/email-budget", new { per_minute = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stories.GetAsync("manage/email-budget")).StatusCode);
    }
}
