using System.Globalization;
using System.Net;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;
using Xunit.Abstractions;

namespace PetitionFunctions.Tests.Email;

/// <summary>The email transport failing half the time: every confirmation is still sent, once, and none is lost.</summary>
public sealed class FlakyEmailTests(HalfFailingEmailFixture fixture, ITestOutputHelper output) : IClassFixture<HalfFailingEmailFixture>
{
    private const int Signers = 40;

    [Fact]
    public async Task With_half_the_sends_failing_every_signer_still_gets_exactly_one_email_and_parked_rounds_are_logged()
    {
        var campaign = await fixture.NewCampaignAsync();
        var emails = Enumerable.Range(0, Signers).Select(i => $"flaky-email-{i}@example.org").ToList();
        var answers = await Task.WhenAll(emails.Select(email =>
            fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Flaky", "Email", email))));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode));

        var keys = fixture.Service<DedupeKeys>();
        var table = fixture.Service<SignatureTable>();
        async Task<List<StoredSignature>> SignaturesAsync() =>
            (await Task.WhenAll(emails.Select(email => table.FindAsync(campaign.Slug, keys.For(email), CancellationToken.None)))).Select(s => s!).ToList();
        // The outbox relay (a timer every two minutes in production) sends parked emails again.
        await Eventually.True(async () =>
        {
            await fixture.Service<EmailOutbox<SignatureOutbox>>().RelayAsync(CancellationToken.None);
            return (await SignaturesAsync()).All(s => s.EmailsSent == 1)
                   && !(await fixture.SignatureRowsAsync(campaign.Slug)).Any(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        }, seconds: 90);

        var signatures = await SignaturesAsync();
        var parked = fixture.Logs.Lines.Where(l => l.Contains("round(s) of tries; the relay sends it again") && l.Contains(campaign.Slug)).ToList();
        var failedTries = fixture.Transport.Attempts.Values.Sum() - fixture.Transport.Forwarded.Values.Sum();
        output.WriteLine($"{Signers} sent, {parked.Count} rounds ran out of tries, {fixture.Transport.Attempts.Values.Sum()} sends tried.");
        Assert.All(signatures, s => Assert.Null(s.EmailFailure));
        Assert.All(emails, email => Assert.Single(Outbox.To(fixture.OutboxFolder, email)));

        // What the transport let through, it let through once per email.
        Assert.Equal(Signers, fixture.Transport.Forwarded.Count);
        Assert.All(fixture.Transport.Forwarded, forwarded => Assert.Equal(1, forwarded.Value));
        Assert.All(signatures, s => Assert.True(fixture.Transport.Forwarded.ContainsKey(KeyOf(s))));

        // Rounds ran out of tries (two failed sends each, MaxDequeueCount 2) and were parked, logged by
        // campaign and signature prefix, never by address.
        Assert.True(parked.Count > 0, "No message ran out of tries; the poison path was not exercised.");
        Assert.True(failedTries >= 2 * parked.Count, $"{parked.Count} parked rounds but only {failedTries} failed sends.");
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("Gave up") && l.Contains(campaign.Slug));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("flaky-email-"));
    }

    private Guid KeyOf(StoredSignature signature) =>
        fixture.Service<EmailOutbox<SignatureOutbox>>().IdempotencyKey(new EmailRequest(signature.Campaign, signature.Key), signature.Generation.ToString(CultureInfo.InvariantCulture));
}
