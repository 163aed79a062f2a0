using System.Globalization;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Email;

public sealed class EmailFailureTests(ScriptedEmailFixture fixture) : IClassFixture<ScriptedEmailFixture>
{
    private async Task<StoredSignature> SignAsync(string slug, string email)
    {
        await fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi("Test", "Signer", email));
        var row = Assert.Single(await fixture.SignatureRowsAsync(slug), r => !r.RowKey.Contains('-'));
        return (await fixture.Service<SignatureTable>().FindAsync(slug, row.RowKey, CancellationToken.None))!;
    }

    private Task<StoredSignature?> ReadAsync(StoredSignature signature) =>
        fixture.Service<SignatureTable>().FindAsync(signature.Campaign, signature.Key, CancellationToken.None);

    /// <summary>Until every confirmation message sent so far (and any that reached the poison queue) has been handled.</summary>
    private Task DrainAsync() => Drain.QueueAsync(fixture.Service<QueueServiceClient>(), StorageNames.ConfirmationsQueue);

    [Fact]
    public async Task A_transient_failure_is_retried_through_the_queue_and_the_email_goes_out_once()
    {
        var campaign = await fixture.NewCampaignAsync();
        var signature = await SignAsync(campaign.Slug, "flaky-ana@example.org");

        await Eventually.True(async () => (await ReadAsync(signature))!.EmailsSent == 1);

        // The fixture is shared by the class: other tests' emails may have gone through it before this one.
        var key = fixture.Service<EmailOutbox<SignatureOutbox>>().IdempotencyKey(new EmailRequest(signature.Campaign, signature.Key), signature.Generation.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(3, fixture.Transport.Attempts[key]);
        Assert.Equal(1, fixture.Transport.Delivered[key]);
        Assert.Single(fixture.Transport.DeliveredTo, address => address == "flaky-ana@example.org");
        Assert.Null((await ReadAsync(signature))!.EmailFailure);
    }

    [Fact]
    public async Task A_refused_address_is_recorded_and_not_retried()
    {
        var campaign = await fixture.NewCampaignAsync();
        var signature = await SignAsync(campaign.Slug, "bounce-omar@example.org");

        await Eventually.True(async () => (await ReadAsync(signature))!.EmailFailure is not null);
        await DrainAsync();

        Assert.Equal("recipient-not-found", (await ReadAsync(signature))!.EmailFailure);
        Assert.Equal(0, (await ReadAsync(signature))!.EmailsSent);
        Assert.Equal(1, fixture.Transport.Attempts[fixture.Service<EmailOutbox<SignatureOutbox>>().IdempotencyKey(new EmailRequest(signature.Campaign, signature.Key), signature.Generation.ToString(CultureInfo.InvariantCulture))]);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("refused for good") && l.Contains(campaign.Slug));
    }

    [Fact]
    public async Task An_email_that_never_gets_through_is_parked_for_later_rounds_then_given_up_and_recorded_by_campaign_never_by_address()
    {
        var campaign = await fixture.NewCampaignAsync();
        var signature = await SignAsync(campaign.Slug, "down-lucia@example.org");

        await Eventually.True(async () =>
        {
            await fixture.Service<EmailOutbox<SignatureOutbox>>().RelayAsync(CancellationToken.None);
            return (await ReadAsync(signature))!.EmailFailure is not null;
        }, seconds: 60);

        Assert.Equal("gave-up-after-retries", (await ReadAsync(signature))!.EmailFailure);
        var rounds = EmailRetryRounds.DefaultRounds + 1;
        var key = fixture.Service<EmailOutbox<SignatureOutbox>>().IdempotencyKey(new EmailRequest(signature.Campaign, signature.Key), signature.Generation.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(rounds * fixture.Host.Settings.MaxDequeueCount, fixture.Transport.Attempts[key]);
        Assert.Equal(EmailRetryRounds.DefaultRounds, fixture.Logs.Lines.Count(l => l.Contains("round(s) of tries; the relay sends it again") && l.Contains(campaign.Slug)));
        Assert.Single(fixture.Logs.Lines, l => l.Contains("Gave up") && l.Contains(campaign.Slug) && l.Contains($"after {rounds} rounds"));
        Assert.DoesNotContain(await fixture.SignatureRowsAsync(campaign.Slug), r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("lucia", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(fixture.Transport.DeliveredTo, a => a.StartsWith("down-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_whose_email_was_given_up_on_in_an_outage_gets_it_by_signing_again_but_a_refused_address_does_not()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string address = "outage-tomas@example.org";
        fixture.Transport.Down[address] = true;
        var signature = await SignAsync(campaign.Slug, address);
        await Eventually.True(async () =>
        {
            await fixture.Service<EmailOutbox<SignatureOutbox>>().RelayAsync(CancellationToken.None);
            return (await ReadAsync(signature))!.EmailFailure is not null;
        }, seconds: 60);
        Assert.Equal(EmailRetryRounds.GaveUp, (await ReadAsync(signature))!.EmailFailure);

        fixture.Transport.Down.TryRemove(address, out _);
        await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Test", "Signer", address));

        await Eventually.True(async () => (await ReadAsync(signature))!.EmailsSent == 1);
        Assert.Null((await ReadAsync(signature))!.EmailFailure);
        Assert.Single(fixture.Transport.DeliveredTo, a => a == address);

        var bounced = await fixture.NewCampaignAsync();
        var refused = await SignAsync(bounced.Slug, "bounce-ines@example.org");
        await Eventually.True(async () => (await ReadAsync(refused))!.EmailFailure is not null);
        var attempts = fixture.Transport.Attempts.Values.Sum();
        await fixture.Http.PostAsync($"campaigns/{bounced.Slug}/signatures", Requests.Osdi("Test", "Signer", "bounce-ines@example.org"));
        await DrainAsync();
        Assert.Equal(attempts, fixture.Transport.Attempts.Values.Sum());
        Assert.Equal("recipient-not-found", (await ReadAsync(refused))!.EmailFailure);
        Assert.Equal(1, (await ReadAsync(refused))!.EmailRequests);
    }

    [Fact]
    public async Task An_admin_can_resend_a_refused_confirmation_once_the_address_works_and_sees_why_email_stopped()
    {
        var campaign = await fixture.NewCampaignAsync();
        var signature = await SignAsync(campaign.Slug, "refused-once-rosa@example.org");
        await Eventually.True(async () => (await ReadAsync(signature))!.EmailFailure is not null);
        using var admin = fixture.AdminClient(PetitionFunctions.Access.AdminRoles.Admin);
        var path = $"manage/campaigns/{campaign.Slug}/signatures/{signature.Key}";

        var before = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement;
        Assert.Equal("recipient-not-found", before.GetProperty("petitionfunctions:email_failure").GetString());

        var resent = await admin.PostAsync(path + "/resend", null);

        Assert.Equal(System.Net.HttpStatusCode.OK, resent.StatusCode);
        Assert.False(System.Text.Json.JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement.TryGetProperty("petitionfunctions:email_failure", out _));
        await Eventually.True(async () => (await ReadAsync(signature))!.EmailsSent == 1);
        Assert.Equal(["refused-once-rosa@example.org"], fixture.Transport.DeliveredTo.Where(a => a.StartsWith("refused-once-", StringComparison.Ordinal)));

        // Confirmed, it has nothing to resend; a key that does not exist is not found.
        await fixture.Service<SignatureTable>().ConfirmAsync(campaign.Slug, signature.Key, DateTimeOffset.UtcNow, CancellationToken.None);
        var again = await admin.PostAsync(path + "/resend", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.PostAsync($"manage/campaigns/{campaign.Slug}/signatures/{new string('a', 64)}/resend", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await fixture.Http.PostAsync(path + "/resend", null)).StatusCode);
    }
}
