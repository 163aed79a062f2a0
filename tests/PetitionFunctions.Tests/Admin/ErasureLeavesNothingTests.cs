using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>
/// After an erasure, nothing in any table, archive or queue carries a value computed from the person's
/// address or phone number with the app's keys: the scan below computes every keyed hash the app makes of
/// them (with the test host's own secrets) and looks for each, whole and as a 16-digit prefix, in every
/// key and column of every table and in every queue message.
/// </summary>
public sealed class ErasureLeavesNothingTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    private const string Address = "Ana.Lucia+scan@example.net";
    private const string Phone = "+1 718 555 0177";

    [Fact]
    public async Task After_erasure_no_table_archive_or_queue_holds_a_keyed_hash_of_the_persons_address_or_phone()
    {
        var petition = await fixture.NewCampaignAsync();
        var letter = await fixture.NewLetterAsync(c => c with { AllowsIndividualEndorsements = true });
        var stories = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        await SignAsync(petition.Slug, "Ana Lucía", "Ortiz", Address);
        await SignAsync(petition.Slug, "Mateo", "Ortiz", Address);
        await SignAsync(petition.Slug, "Bao", "Nguyen", "bao.scan@example.org");
        await Outbox.WaitForAsync(fixture.OutboxFolder, Address, 2);
        await fixture.ConfirmAllAsync(petition.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements", Endorse.Individual("Ana Lucía Ortiz", Address))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
            Endorse.Organization("Queens Solidarity", "https://queens-solidarity.example", Address, signerName: "Ana Lucía Ortiz"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", Story(Address))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", Story(Phone))).StatusCode);
        await DrainAsync();
        Assert.Equal(3, await CountAsync(petition.Slug));

        // The scan finds the person before the erasure, where each kind of record keeps them.
        var before = await ScanAsync();
        Assert.Contains(before, hit => hit.StartsWith(StorageNames.SignaturesTable + "/", StringComparison.Ordinal));
        Assert.Contains(before, hit => hit.StartsWith(StorageNames.EndorsementsTable + "/", StringComparison.Ordinal));
        Assert.Contains(before, hit => hit.StartsWith(StorageNames.StoriesTable + "/", StringComparison.Ordinal));
        Assert.Contains(before, hit => hit.StartsWith(StorageNames.RateLimitsTable + "/", StringComparison.Ordinal));

        var answer = await fixture.AdminClient(AdminRoles.Admin).PostAsync("manage/erasures", JsonContent.Create(new { email = Address, phone = Phone }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await DrainAsync();
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);

        Assert.Empty(await ScanAsync());
        // The counts and breakdowns still add up: the two erased signatures left the count, their rows stay unnamed.
        Assert.Equal(1, await CountAsync(petition.Slug));
        var rows = (await fixture.SignatureRowsAsync(petition.Slug)).Where(r => DedupeKeys.IsSignatureKey(r.RowKey)).ToList();
        Assert.Equal(2, rows.Count(r => r.GetString("State") == nameof(SignatureState.Withdrawn) && r.GetString("WithdrawnBy") == "Erasure"
                                        && !r.ContainsKey("Personal") && r.GetString("Region") == "NY"));
        await fixture.Service<CountReconciliation>().ReconcileAsync(CancellationToken.None);
        Assert.Equal(1, await CountAsync(petition.Slug));
    }

    private async Task SignAsync(string slug, string given, string family, string address) =>
        Assert.Equal(HttpStatusCode.Accepted,
            (await fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi(given, family, address, postalCode: "11368"))).StatusCode);

    /// <summary>Every keyed hash the app makes of the person's address and phone, and the values they are built from.</summary>
    private List<string> Needles()
    {
        var keys = fixture.Service<DedupeKeys>();
        var secret = fixture.Service<IOptions<PetitionSecrets>>().Value.DedupeKeyBytes();
        var canonical = EmailAddresses.Canonical(Address);
        var emailKey = keys.For(canonical);
        var phoneKey = keys.ForPhone(PhoneNumbers.Canonical(Phone));
        string[] hashes =
        [
            emailKey,
            phoneKey,
            keys.ForHouseholdMember(canonical, Households.CanonicalName("Mateo", "Ortiz"))[65..],
            keys.ForStoryWriter(emailKey),
            keys.ForStoryWriter(phoneKey),
            Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("mailbox-volume:" + EmailAddresses.Mailbox(Address)))),
        ];
        return [.. hashes.Select(hash => hash[..16]), canonical, "Ortiz", "7185550177"];
    }

    /// <summary>Where a needle occurs: "{table}/{partition}/{row}/{column}" or "{queue}/{message id}".</summary>
    private async Task<List<string>> ScanAsync()
    {
        var needles = Needles();
        bool Holds(string? text) => text is not null && needles.Any(needle => text.Contains(needle, StringComparison.OrdinalIgnoreCase));
        var hits = new List<string>();
        var tables = fixture.Service<TableServiceClient>();
        foreach (var name in StorageNames.Tables)
            await foreach (var row in tables.GetTableClient(name).QueryAsync<TableEntity>())
                foreach (var (column, value) in row)
                    if (Holds(value?.ToString())) hits.Add($"{name}/{row.PartitionKey}/{row.RowKey}/{column}");
        var queues = fixture.Service<QueueServiceClient>();
        foreach (var name in StorageNames.Queues.SelectMany(queue => new[] { queue, StorageNames.PoisonQueue(queue) }))
            foreach (var message in (await queues.GetQueueClient(name).PeekMessagesAsync(32)).Value)
                if (Holds(message.Body.ToString()) || Holds(Decoded(message.Body.ToString()))) hits.Add($"{name}/{message.MessageId}");
        return hits;
    }

    private static string? Decoded(string body)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(body)); }
        catch (FormatException) { return null; }
    }

    private async Task DrainAsync()
    {
        foreach (var queue in StorageNames.Queues.Where(q => q != StorageNames.DeliveriesQueue))
            await Drain.QueueAsync(fixture.Service<QueueServiceClient>(), queue);
    }

    private static HttpContent Story(string contact) => JsonContent.Create(new
    {
        story = "We waited four hours at the clinic.",
        language = "en",
        name = "Ana Lucía Ortiz",
        contact,
        consent = "internal",
        may_contact = true,
    });

    private async Task<int> CountAsync(string slug) =>
        (await fixture.Service<SummaryTable>().FindAsync(slug, CancellationToken.None))?.Summary.Count ?? 0;
}
