using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;
using Xunit.Abstractions;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// Azurite stopped with SIGTERM in the middle of a load and restarted on the same ports with the same
/// data: every acknowledged sign-on is in storage afterwards, and every other one was told to retry. On the
/// real host the host itself loses storage too (its lock lease, queue listeners and timers), as on Azure.
/// </summary>
public abstract class StorageRestartTests<TFixture>(ITestOutputHelper output) where TFixture : AppFixture, new()
{

    /// <summary>What one sign-on got back; a null status is a timeout or a broken connection.</summary>
    private sealed record Answer(string Email, HttpStatusCode? Status, TimeSpan? RetryAfter, string? MediaType, string Body)
    {
        public bool Acknowledged => Status is HttpStatusCode.Accepted or HttpStatusCode.SeeOther;
    }

    private const string ThankYou = "https://partner.example/thank-you";
    private const int Clients = 12;

    [EndToEndFact]
    public async Task Every_acknowledged_sign_on_survives_a_storage_restart_mid_load_and_the_others_are_told_to_retry()
    {
        var fixture = new TFixture
        {
            StorageFolder = Path.Combine(Path.GetTempPath(), "petition-azurite-" + Guid.NewGuid().ToString("n")),
            // The outbox rows stay where the emails would be sent from, so the test can see that none was lost.
            AlsoDisabled = ["SendConfirmationEmail"],
        };
        await fixture.InitializeAsync();
        try
        {
            var campaign = await fixture.NewCampaignAsync();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
            {
                BaseAddress = fixture.Http.BaseAddress,
                // Longer than the storage clients' worst case (a 15 s network timeout, then bounded retries):
                // an answer later than this is a hang.
                Timeout = TimeSpan.FromSeconds(45),
            };
            var answers = new ConcurrentQueue<Answer>();
            var next = 0;
            using var stopLoad = new CancellationTokenSource();

            async Task ClientAsync()
            {
                while (!stopLoad.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref next);
                    answers.Enqueue(await SignAsync(http, campaign.Slug, n));
                }
            }

            var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync)).ToList();
            await Eventually.True(() => answers.Count(a => a.Acknowledged) >= 100, seconds: 60);

            var stopping = System.Diagnostics.Stopwatch.StartNew();
            await fixture.Azurite.StopAsync();
            output.WriteLine($"Azurite stopped in {stopping.ElapsedMilliseconds} ms.");
            // Storage stays down until the load has been refused at least once: the clients' bounded
            // retries can outlast a short outage, and a run that never saw one would prove nothing.
            await Eventually.True(() => answers.Any(a => !a.Acknowledged), seconds: 60);
            var sentBeforeRestart = next;
            await fixture.Azurite.RestartAsync();

            await Eventually.True(() => answers.Count(a => a.Acknowledged && Number(a.Email) > sentBeforeRestart + Clients) >= 100, seconds: 60);
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);

            var acknowledged = answers.Where(a => a.Acknowledged).ToList();
            var refused = answers.Where(a => !a.Acknowledged).ToList();
            output.WriteLine($"{answers.Count} sign-ons: {acknowledged.Count} acknowledged, {refused.Count} refused " +
                             $"({string.Join(", ", refused.GroupBy(a => a.Status).Select(g => $"{g.Count()} × {g.Key?.ToString() ?? "no answer"}"))}).");
            Assert.NotEmpty(refused);
            Assert.All(refused, answer =>
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
                Assert.True(answer.RetryAfter > TimeSpan.Zero, "A 503 without Retry-After.");
                Assert.Equal("application/problem+json", answer.MediaType);
                Assert.Equal(503, JsonDocument.Parse(answer.Body).RootElement.GetProperty("status").GetInt32());
            });

            var keys = fixture.Service<DedupeKeys>();
            var signatures = fixture.Service<SignatureTable>();
            var lost = new List<string>();
            foreach (var answer in acknowledged)
                if (await signatures.FindAsync(campaign.Slug, keys.For(EmailAddresses.Canonical(answer.Email)), CancellationToken.None) is null)
                    lost.Add(answer.Email);
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged sign-ons are not in storage: {string.Join(", ", lost.Take(10))}");
            // Nor is any confirmation email lost: with the email consumer off, each stored sign-on still
            // has its outbox row, which the relay turns into a message if the queue never got one.
            var outbox = new HashSet<string>();
            await foreach (var row in fixture.Service<TableServiceClient>().GetTableClient(StorageNames.SignaturesTable).QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey ge {campaign.Slug + ":"} and PartitionKey lt {campaign.Slug + ";"}"), select: ["RowKey"]))
                if (row.RowKey.StartsWith("outbox-", StringComparison.Ordinal)) outbox.Add(row.RowKey);
            Assert.All(acknowledged, answer => Assert.Contains("outbox-" + keys.For(EmailAddresses.Canonical(answer.Email)), outbox));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static int Number(string email) => int.Parse(email["fault-".Length..email.IndexOf('@')], CultureInfo.InvariantCulture);

    /// <summary>Half OSDI JSON from partners' servers, half form posts from their pages; four partners.</summary>
    private static async Task<Answer> SignAsync(HttpClient http, string slug, int n)
    {
        var email = $"fault-{n}@example.org";
        var source = $"partner-{n % 4}";
        HttpContent body = n % 2 == 0
            ? Requests.Osdi("Fault", $"Signer {n}", email, source: source)
            : Requests.Form(("given_name", "Fault"), ("family_name", $"Signer {n}"), ("email", email), ("postal_code", "10027"),
                ("source", source), ("return_url", ThankYou));
        try
        {
            using var response = await http.PostAsync($"campaigns/{slug}/signatures", body);
            return new Answer(email, response.StatusCode, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(email, null, null, null, e.GetType().Name);
        }
    }
}

public sealed class StorageRestartOnRealHost(ITestOutputHelper output) : StorageRestartTests<RealHostFixture>(output);

public sealed class StorageRestartOnStandIn(ITestOutputHelper output) : StorageRestartTests<StandInFixture>(output);
