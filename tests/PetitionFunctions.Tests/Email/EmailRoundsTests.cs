using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Stories;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Email;

/// <summary>Endorsement and story emails get the same later rounds as signatures before they are given up on.</summary>
public sealed class EndorsementAndStoryEmailRoundsTests(EmailRoundsFixture fixture) : IClassFixture<EmailRoundsFixture>
{
    private const int AllRounds = EmailRetryRounds.DefaultRounds + 1;

    private async Task<StoredEndorsement> EndorseAsync(string slug, string email)
    {
        var answer = await fixture.Http.PostAsync($"campaigns/{slug}/endorsements", Endorse.Organization("Rounds Org", "https://rounds.example", email));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var row = Assert.Single((await fixture.EndorsementRowsAsync(slug)).Endorsements());
        return (await ReadAsync(slug, row.RowKey))!;
    }

    private Task<StoredEndorsement?> ReadAsync(string slug, string key) =>
        fixture.Service<EndorsementTable>().FindAsync(slug, key, CancellationToken.None);

    private Task<int> RelayAsync() => fixture.Service<EndorsementOutboxRelay>().RelayAsync(CancellationToken.None);

    private static Guid KeyOf(StoredEndorsement endorsement) =>
        EndorsementEmailSender.IdempotencyKey(new EndorsementEmailRequest(endorsement.Campaign, endorsement.Key));

    private List<string> LogsAbout(string slug, string text) => fixture.Logs.Lines.Where(l => l.Contains(text) && l.Contains(slug)).ToList();

    [Fact]
    public async Task An_endorsement_email_whose_first_round_fails_is_parked_in_the_outbox_and_sent_by_the_relay_in_the_next_round()
    {
        var letter = await fixture.NewLetterAsync();
        var endorsement = await EndorseAsync(letter.Slug, "outage-ines@rounds.example");

        await Eventually.True(() => LogsAbout(letter.Slug, "failed 1 round(s) of tries; the relay sends it again").Count == 1);
        var outbox = Assert.Single(await fixture.EndorsementRowsAsync(letter.Slug), r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        Assert.Equal(1, outbox.GetInt32("FailedRounds"));
        Assert.Null((await ReadAsync(letter.Slug, endorsement.Key))!.EmailFailure);
        Assert.False(fixture.Transport.Delivered.ContainsKey(KeyOf(endorsement)));

        await Eventually.True(async () =>
        {
            await RelayAsync();
            return (await ReadAsync(letter.Slug, endorsement.Key))!.EmailsSent == 1;
        });

        var sent = (await ReadAsync(letter.Slug, endorsement.Key))!;
        Assert.Null(sent.EmailFailure);
        Assert.Equal(EmailRoundsFixture.TriesPerRound + 1, fixture.Transport.Attempts[KeyOf(endorsement)]);
        Assert.Equal(1, fixture.Transport.Delivered[KeyOf(endorsement)]);
        await Eventually.True(async () => !(await fixture.EndorsementRowsAsync(letter.Slug)).Any(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal)));
        Assert.Empty(LogsAbout(letter.Slug, "Gave up"));
        Assert.Contains(LogsAbout(letter.Slug, "round(s) of tries"), l => l.Contains(endorsement.Key[..12]));
    }

    [Fact]
    public async Task An_endorsement_email_that_fails_every_round_is_given_up_after_the_last_recorded_and_logged_by_campaign_never_by_address()
    {
        var letter = await fixture.NewLetterAsync();
        var endorsement = await EndorseAsync(letter.Slug, "down-joaquin@rounds.example");

        await Eventually.True(async () =>
        {
            await RelayAsync();
            return (await ReadAsync(letter.Slug, endorsement.Key))!.EmailFailure is not null;
        }, seconds: 60);

        Assert.Equal("gave-up-after-retries", (await ReadAsync(letter.Slug, endorsement.Key))!.EmailFailure);
        Assert.Equal(AllRounds * EmailRoundsFixture.TriesPerRound, fixture.Transport.Attempts[KeyOf(endorsement)]);
        Assert.Equal(EmailRetryRounds.DefaultRounds, LogsAbout(letter.Slug, "round(s) of tries; the relay sends it again").Count);
        var gaveUp = Assert.Single(LogsAbout(letter.Slug, "Gave up"));
        Assert.Contains($"after {AllRounds} rounds", gaveUp);
        Assert.Contains(endorsement.Key[..12], gaveUp);
        Assert.DoesNotContain(await fixture.EndorsementRowsAsync(letter.Slug), r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("joaquin", StringComparison.OrdinalIgnoreCase));
        Assert.False(fixture.Transport.Delivered.ContainsKey(KeyOf(endorsement)));
    }

    private async Task<string> ShareStoryAsync(string slug, string email)
    {
        var answer = await fixture.Http.PostAsync($"campaigns/{slug}/stories", JsonContent.Create(new
        {
            story = "They took my cousin at the bus stop on Roosevelt Avenue.", contact = email, consent = "internal", send_confirmation = true,
        }));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return (await StoryRowAsync(slug)).RowKey;
    }

    private async Task<TableEntity> StoryRowAsync(string slug)
    {
        var table = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.StoriesTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"))) rows.Add(row);
        return Assert.Single(rows, r => r.RowKey.Length == 32);
    }

    private static Guid KeyOf(string slug, string story) => StoryEmailSender.IdempotencyKey(new StoryEmailRequest(slug, story));

    [Fact]
    public async Task A_story_email_whose_first_round_fails_is_queued_again_for_a_later_round_and_sent_then()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        var story = await ShareStoryAsync(campaign.Slug, "outage-wendy@rounds.example");

        await Eventually.True(async () => (await StoryRowAsync(campaign.Slug)).GetBoolean("EmailSent") == true);

        var row = await StoryRowAsync(campaign.Slug);
        Assert.Null(row.GetString("EmailFailure"));
        Assert.Equal(EmailRoundsFixture.TriesPerRound + 1, fixture.Transport.Attempts[KeyOf(campaign.Slug, story)]);
        Assert.Equal(1, fixture.Transport.Delivered[KeyOf(campaign.Slug, story)]);
        Assert.Single(LogsAbout(campaign.Slug, "failed 1 round(s) of tries; it is queued again"));
        Assert.Empty(LogsAbout(campaign.Slug, "Gave up"));
    }

    [Fact]
    public async Task A_story_email_that_fails_every_round_is_given_up_after_the_last_and_recorded_on_the_story()
    {
        var campaign = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        var story = await ShareStoryAsync(campaign.Slug, "down-yesenia@rounds.example");

        await Eventually.True(async () => (await StoryRowAsync(campaign.Slug)).GetString("EmailFailure") is not null, seconds: 60);

        Assert.Equal("gave-up-after-retries", (await StoryRowAsync(campaign.Slug)).GetString("EmailFailure"));
        Assert.False((await StoryRowAsync(campaign.Slug)).GetBoolean("EmailSent"));
        Assert.Equal(AllRounds * EmailRoundsFixture.TriesPerRound, fixture.Transport.Attempts[KeyOf(campaign.Slug, story)]);
        Assert.Equal(EmailRetryRounds.DefaultRounds, LogsAbout(campaign.Slug, "round(s) of tries; it is queued again").Count);
        Assert.Contains($"after {AllRounds} rounds", Assert.Single(LogsAbout(campaign.Slug, "Gave up")));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("yesenia", StringComparison.OrdinalIgnoreCase) || l.Contains("Roosevelt"));
        // Nothing is left waiting in the queue or its poison queue.
        var queues = fixture.Service<Azure.Storage.Queues.QueueServiceClient>();
        await Eventually.True(async () =>
            (await queues.GetQueueClient(StorageNames.StoryEmailsQueue).PeekMessagesAsync(32)).Value.Length == 0
            && (await queues.GetQueueClient(StorageNames.StoryEmailsPoisonQueue).PeekMessagesAsync(32)).Value.Length == 0);
    }
}
