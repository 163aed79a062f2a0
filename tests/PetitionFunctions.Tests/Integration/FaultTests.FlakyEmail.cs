using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Confirmation.Email;
using PetitionFunctions.Intake;
using PetitionFunctions.LocalHost;
using Xunit.Abstractions;

namespace PetitionFunctions.Tests.Integration;

/// <summary>
/// Wraps the app's own email transport and fails half the sends (a seeded coin), before the send,
/// as a provider answering 503 would. Counts what it let through, by idempotency key.
/// </summary>
public sealed class HalfFailingTransport(IEmailTransport inner) : IEmailTransport
{
    private readonly Random _coin = new(20261124);

    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public ConcurrentDictionary<Guid, int> Forwarded { get; } = new();

    public async Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        bool fail;
        lock (_coin) fail = _coin.Next(2) == 0;
        if (fail) throw new TransientEmailException("The provider answered 503.", TimeSpan.FromSeconds(1));
        var result = await inner.SendAsync(message, idempotencyKey, cancellationToken);
        Forwarded.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        return result;
    }
}

public sealed class HalfFailingEmailFixture : ConsumingHostFixture
{
    public HalfFailingTransport Transport { get; private set; } = null!;

    // Three tries: with a fair coin one message in eight exhausts them, so a run of forty signers
    // almost always exercises the poison path as well as the retries.
    protected override HostSettings Adjust(HostSettings settings) => base.Adjust(settings) with { MaxDequeueCount = 3 };

    protected override void ReplaceServices(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IEmailTransport));
        services.AddSingleton<IEmailTransport>(provider =>
            Transport = new HalfFailingTransport((IEmailTransport)registered.ImplementationFactory!(provider)));
    }
}

/// <summary>The email transport failing half the time: every confirmation is sent once or given up on the record, none lost.</summary>
public sealed class FlakyEmailTests(HalfFailingEmailFixture fixture, ITestOutputHelper output) : IClassFixture<HalfFailingEmailFixture>
{
    private const int Signers = 40;

    [Fact]
    public async Task With_half_the_sends_failing_every_signer_gets_one_email_or_a_recorded_give_up_and_none_is_lost()
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
        // Settled: each signature was sent its email or given up on, and no outbox row waits any more.
        await Eventually.True(async () =>
            (await SignaturesAsync()).All(s => s.EmailsSent == 1 || s.EmailFailure is not null)
            && !(await fixture.SignatureRowsAsync(campaign.Slug)).Any(r => r.RowKey.StartsWith("outbox-")), seconds: 90);

        var signatures = await SignaturesAsync();
        var sent = signatures.Where(s => s.EmailsSent == 1).ToList();
        var gaveUp = signatures.Where(s => s.EmailFailure is not null).ToList();
        output.WriteLine($"{sent.Count} sent, {gaveUp.Count} given up, {fixture.Transport.Attempts.Values.Sum()} sends tried.");
        Assert.Equal(Signers, sent.Count + gaveUp.Count);
        Assert.All(gaveUp, s => Assert.Equal("gave-up-after-retries", s.EmailFailure));
        Assert.All(gaveUp, s => Assert.Equal(0, s.EmailsSent));

        // The transport saw each email's idempotency key; what it let through, it let through once.
        Assert.All(fixture.Transport.Forwarded, forwarded => Assert.Equal(1, forwarded.Value));
        Assert.Equal(sent.Count, fixture.Transport.Forwarded.Keys.Count(key => signatures.Any(s => KeyOf(s) == key)));
        Assert.All(sent, s => Assert.Single(Outbox.To(fixture.OutboxFolder, emails[signatures.IndexOf(s)])));
        Assert.All(gaveUp, s =>
        {
            Assert.Equal(fixture.Host.Settings.MaxDequeueCount, fixture.Transport.Attempts[KeyOf(s)]);
            Assert.False(fixture.Transport.Forwarded.ContainsKey(KeyOf(s)));
        });

        // Each give-up is logged once by campaign and signature prefix (never by address), after the
        // queue moved its message to the poison queue.
        Assert.Equal(gaveUp.Count, fixture.Logs.Lines.Count(l => l.Contains("SendConfirmationEmail failed") && l.Contains("moved it to confirmations-poison")));
        var giveUps = fixture.Logs.Lines.Where(l => l.Contains("Gave up") && l.Contains(campaign.Slug)).ToList();
        Assert.Equal(gaveUp.Count, giveUps.Count);
        Assert.All(gaveUp, s => Assert.Single(giveUps, l => l.Contains(s.Key[..8])));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("flaky-email-"));
    }

    private static Guid KeyOf(StoredSignature signature) =>
        ConfirmationEmailSender.IdempotencyKey(new ConfirmationRequest(signature.Campaign, signature.Key));
}
