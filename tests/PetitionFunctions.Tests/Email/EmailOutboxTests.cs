using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Signatures;
using PetitionFunctions.Stories;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Email;

/// <summary>
/// The one email outbox, tested once and run against each kind of record that is owed emails: the record
/// and its outbox row stored by intake, the queue message, sending once, the refused address, the rounds
/// of retries after the poison queue, and the relay. The kinds differ only in how a record is made and read.
/// </summary>
public abstract class EmailOutboxTests<TRecords>(EmailOutboxFixture fixture) where TRecords : IEmailRecords
{
    private static readonly int AllRounds = EmailRetryRounds.DefaultRounds + 1;

    protected EmailOutboxFixture Fixture => fixture;

    /// <summary>A fresh campaign of the kind that holds these records.</summary>
    protected abstract Task<Campaign> NewCampaignAsync();

    /// <summary>Submits a record through the public API, as a person would, and returns its key.</summary>
    protected abstract Task<string> SubmitAsync(string slug, string email);

    protected abstract EmailKind FirstEmail { get; }

    /// <summary>The failure recorded on the record, or null.</summary>
    protected abstract Task<string?> EmailFailureAsync(string slug, string key);

    private TRecords Records => fixture.Service<TRecords>();
    private EmailOutbox<TRecords> Outbox => fixture.Service<EmailOutbox<TRecords>>();
    protected QueueClient Queue => fixture.Service<QueueServiceClient>().GetQueueClient(Records.Queue);

    private async Task<(Campaign Campaign, EmailRequest Request)> OwedAsync(string email)
    {
        await Queue.ClearMessagesAsync();
        var campaign = await NewCampaignAsync();
        var key = await SubmitAsync(campaign.Slug, email);
        return (campaign, new EmailRequest(campaign.Slug, key, 1, FirstEmail));
    }

    /// <summary>Takes every message off the queue and returns this campaign's (other campaigns' rows may be relayed too).</summary>
    protected async Task<List<EmailRequest>> TakeQueuedAsync(string slug)
    {
        var taken = new List<EmailRequest>();
        while ((await Queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
            foreach (var message in messages)
            {
                taken.Add(EmailRequest.Parse(message.Body.ToString()));
                await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        return taken.Where(request => request.Campaign == slug).ToList();
    }

    /// <summary>The key the outbox sends a still-owed email under: it names the record's instance when the record has one.</summary>
    private async Task<Guid> IdempotencyKeyAsync(EmailRequest request) =>
        Outbox.IdempotencyKey(request, (await Records.ComposeAsync(request, CancellationToken.None))!.RecordInstance);

    private async Task<bool> RowExistsAsync(EmailRequest request) => await Records.Outbox.FailedRoundsAsync(request, CancellationToken.None) is not null;

    protected EmailOutbox<TRecords> OutboxAt(TimeProvider time) => new(Records, fixture.Service<CampaignTable>(), fixture.Service<QueueServiceClient>(),
        fixture.Transport, fixture.Service<EmailRetryRounds>(), fixture.Service<MailboxAllowance>(), fixture.Service<SendingBudget>(), time, NullLogger<EmailOutbox<TRecords>>.Instance);

    [Fact]
    public async Task Intake_stores_the_record_with_its_outbox_row_and_queues_one_message_that_names_no_person()
    {
        var (campaign, request) = await OwedAsync($"ana.{Guid.NewGuid():n}@example.org");

        var body = Assert.Single((await Queue.PeekMessagesAsync(32)).Value).Body.ToString();
        Assert.True(await RowExistsAsync(request));
        Assert.Equal([request], await TakeQueuedAsync(campaign.Slug));
        Assert.DoesNotContain("example.org", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_handled_twice_sends_one_email_and_clears_the_outbox_row()
    {
        var (_, request) = await OwedAsync($"ben.{Guid.NewGuid():n}@example.org");
        var key = await IdempotencyKeyAsync(request);

        await Outbox.SendAsync(request.ToJson(), CancellationToken.None);
        await Outbox.SendAsync(request.ToJson(), CancellationToken.None);

        Assert.Equal(1, fixture.Transport.Delivered[key]);
        Assert.Equal(1, fixture.Transport.Attempts[key]);
        Assert.False(await RowExistsAsync(request));
        Assert.Null(await Records.ComposeAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task A_transient_failure_throws_for_the_queue_to_retry_and_leaves_the_outbox_row()
    {
        var (_, request) = await OwedAsync($"down-carla.{Guid.NewGuid():n}@example.org");

        await Assert.ThrowsAsync<TransientEmailException>(() => Outbox.SendAsync(request.ToJson(), CancellationToken.None));

        Assert.True(await RowExistsAsync(request));
        Assert.Null(await EmailFailureAsync(request.Campaign, request.Key));
    }

    [Fact]
    public async Task A_refused_address_is_recorded_on_the_record_and_gets_no_more_tries()
    {
        var (_, request) = await OwedAsync($"refused-dario.{Guid.NewGuid():n}@example.org");
        var key = await IdempotencyKeyAsync(request);

        await Outbox.SendAsync(request.ToJson(), CancellationToken.None);
        await Outbox.SendAsync(request.ToJson(), CancellationToken.None);

        Assert.Equal("recipient-not-found", await EmailFailureAsync(request.Campaign, request.Key));
        Assert.Equal(1, fixture.Transport.Attempts[key]);
        Assert.False(await RowExistsAsync(request));
    }

    [Fact]
    public async Task A_message_out_of_tries_is_parked_for_later_rounds_each_four_times_longer_then_given_up_and_recorded()
    {
        var (campaign, request) = await OwedAsync($"down-elena.{Guid.NewGuid():n}@example.org");
        var rounds = fixture.Service<EmailRetryRounds>();

        for (var failed = 1; failed < AllRounds; failed++)
        {
            var before = DateTimeOffset.UtcNow;
            await Outbox.RetryLaterOrGiveUpAsync(request.ToJson(), CancellationToken.None);

            Assert.Equal(failed, await Records.Outbox.FailedRoundsAsync(request, CancellationToken.None));
            var dueAt = rounds.NextTryAt(failed, before)!.Value;
            Assert.Empty(await DueAsync(campaign.Slug, dueAt.AddSeconds(-5)));
            Assert.Equal([request], await DueAsync(campaign.Slug, dueAt.AddMinutes(1)));
            Assert.Null(await EmailFailureAsync(request.Campaign, request.Key));
        }
        await Outbox.RetryLaterOrGiveUpAsync(request.ToJson(), CancellationToken.None);

        Assert.Equal(EmailRetryRounds.GaveUp, await EmailFailureAsync(request.Campaign, request.Key));
        Assert.False(await RowExistsAsync(request));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("elena", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_poisoned_message_whose_email_was_handled_meanwhile_changes_nothing_and_an_unreadable_one_is_dropped()
    {
        var (_, request) = await OwedAsync($"fabio.{Guid.NewGuid():n}@example.org");
        await Outbox.SendAsync(request.ToJson(), CancellationToken.None);

        await Outbox.RetryLaterOrGiveUpAsync(request.ToJson(), CancellationToken.None);
        await Outbox.RetryLaterOrGiveUpAsync("{not an email request", CancellationToken.None);

        Assert.Null(await EmailFailureAsync(request.Campaign, request.Key));
        Assert.False(await RowExistsAsync(request));
        await Assert.ThrowsAsync<FormatException>(() => Outbox.SendAsync("{not an email request", CancellationToken.None));
    }

    [Fact]
    public async Task The_relay_leaves_a_fresh_row_then_queues_it_again_waiting_twice_as_long_after_each_relay()
    {
        var (campaign, request) = await OwedAsync($"gala.{Guid.NewGuid():n}@example.org");
        await TakeQueuedAsync(campaign.Slug);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var relay = OutboxAt(time);

        Assert.Equal(0, await RelayFor(campaign, relay));
        var wait = OutboxRows.Grace;
        for (var relays = 1; relays <= 3; relays++)
        {
            time.Advance(wait + TimeSpan.FromSeconds(1));
            var relayedAt = time.GetUtcNow();
            Assert.Equal(1, await RelayFor(campaign, relay));
            Assert.Equal(0, await RelayFor(campaign, relay));

            wait = OutboxRows.Grace * Math.Pow(2, relays - 1);
            Assert.Empty(await DueAsync(campaign.Slug, relayedAt + wait - TimeSpan.FromSeconds(1)));
            Assert.Equal([request], await DueAsync(campaign.Slug, relayedAt + wait + TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public async Task The_relay_queues_nothing_for_a_row_the_email_consumer_cleared_after_the_relay_read_it()
    {
        var (campaign, request) = await OwedAsync($"hugo.{Guid.NewGuid():n}@example.org");
        await TakeQueuedAsync(campaign.Slug);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow + OutboxRows.Grace + TimeSpan.FromMinutes(1));
        var due = await DueAsync(campaign.Slug, time.GetUtcNow());
        Assert.Equal([request], due);

        await Outbox.SendAsync(request.ToJson(), CancellationToken.None);
        var postponed = await Records.Outbox.PostponeAsync(new OutboxEntry(request, 0), time.GetUtcNow(), CancellationToken.None);

        Assert.False(postponed);
        Assert.Equal(0, await RelayFor(campaign, OutboxAt(time)));
        Assert.Empty(await TakeQueuedAsync(campaign.Slug));
    }

    protected async Task<List<EmailRequest>> DueAsync(string slug, DateTimeOffset before)
    {
        var due = new List<EmailRequest>();
        await foreach (var entry in Records.Outbox.DueAsync(slug, before, CancellationToken.None)) due.Add(entry.Request);
        return due;
    }

    /// <summary>Relays, counting only this campaign's messages (other tests' campaigns may have rows due too).</summary>
    protected async Task<int> RelayFor(Campaign campaign, EmailOutbox<TRecords> relay)
    {
        await relay.RelayAsync(CancellationToken.None);
        return (await TakeQueuedAsync(campaign.Slug)).Count;
    }
}

[Collection(EmailOutboxCollection.Name)]
public sealed class SignatureEmailOutboxTests(EmailOutboxFixture fixture) : EmailOutboxTests<SignatureOutbox>(fixture)
{
    protected override EmailKind FirstEmail => EmailKind.Confirm;

    protected override Task<Campaign> NewCampaignAsync() => Fixture.NewCampaignAsync();

    protected override async Task<string> SubmitAsync(string slug, string email)
    {
        var answer = await Fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi("Test", "Signer", email));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return Assert.Single(await Fixture.SignatureRowsAsync(slug), row => row.RowKey.All(Uri.IsHexDigit)).RowKey;
    }

    protected override async Task<string?> EmailFailureAsync(string slug, string key) =>
        (await Fixture.Service<SignatureTable>().FindAsync(slug, key, CancellationToken.None))!.EmailFailure;

    [Fact]
    public async Task A_backlog_is_relayed_several_rows_at_a_time_each_row_once()
    {
        var campaign = await NewCampaignAsync();
        for (var i = 0; i < 40; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await Fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
                Requests.Osdi("Cola", $"N{i}", $"cola{i}.{Guid.NewGuid():n}@example.org"))).StatusCode);
        await TakeQueuedAsync(campaign.Slug);
        var later = DateTimeOffset.UtcNow + OutboxRows.Grace + TimeSpan.FromMinutes(1);
        var owed = await DueAsync(campaign.Slug, later);
        var relay = OutboxAt(new FakeTimeProvider(later));

        await relay.RelayAsync(CancellationToken.None);
        var relayed = await TakeQueuedAsync(campaign.Slug);

        Assert.Equal(40, owed.Count);
        Assert.Equal(owed.Select(request => request.Key).Order(StringComparer.Ordinal), relayed.Select(request => request.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await RelayFor(campaign, relay));
    }
}

[Collection(EmailOutboxCollection.Name)]
public sealed class EndorsementEmailOutboxTests(EmailOutboxFixture fixture) : EmailOutboxTests<EndorsementOutbox>(fixture)
{
    protected override EmailKind FirstEmail => EmailKind.Confirm;

    protected override Task<Campaign> NewCampaignAsync() => Fixture.NewLetterAsync();

    protected override async Task<string> SubmitAsync(string slug, string email)
    {
        var answer = await Fixture.Http.PostAsync($"campaigns/{slug}/endorsements", Endorse.Organization("Outbox Org", "https://outbox.example", email));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return Assert.Single((await Fixture.EndorsementRowsAsync(slug)).Endorsements()).RowKey;
    }

    protected override async Task<string?> EmailFailureAsync(string slug, string key) =>
        (await Fixture.Service<EndorsementTable>().FindAsync(slug, key, CancellationToken.None))!.EmailFailure;
}

[Collection(EmailOutboxCollection.Name)]
public sealed class StoryEmailOutboxTests(EmailOutboxFixture fixture) : EmailOutboxTests<StoryOutbox>(fixture)
{
    protected override EmailKind FirstEmail => EmailKind.Receipt;

    protected override Task<Campaign> NewCampaignAsync() => Fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });

    protected override async Task<string> SubmitAsync(string slug, string email)
    {
        var answer = await Fixture.Http.PostAsync($"campaigns/{slug}/stories", JsonContent.Create(new
        {
            story = "They took my cousin at the bus stop on Roosevelt Avenue.", contact = email, consent = "internal", send_confirmation = true,
        }));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var table = Fixture.Service<TableServiceClient>().GetTableClient(StorageNames.StoriesTable);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"), select: ["RowKey"]))
            if (StoryTable.IsStoryId(row.RowKey)) keys.Add(row.RowKey);
        return Assert.Single(keys);
    }

    protected override async Task<string?> EmailFailureAsync(string slug, string key) =>
        (await Fixture.Service<StoryTable>().FindAsync(slug, key, CancellationToken.None))!.EmailFailure;
}
