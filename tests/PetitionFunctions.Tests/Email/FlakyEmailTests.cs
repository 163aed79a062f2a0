using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Intake;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Signatures;
using Xunit.Abstractions;

namespace PetitionFunctions.Tests.Email;

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

    // Two tries a round: with a fair coin one round in four fails, so forty signers all but surely
    // send some emails through the poison queue and a later round; twelve rounds make a give-up
    // (thirteen failed rounds in a row) practically impossible.
    protected override HostSettings Adjust(HostSettings settings) => base.Adjust(settings) with { MaxDequeueCount = 2 };

    protected override void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
        base.Configure(builder);
        builder.Configuration["Email:RetryRounds"] = "12";
    }

    protected override void ReplaceServices(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IEmailTransport));
        services.AddSingleton<IEmailTransport>(provider =>
            Transport = new HalfFailingTransport((IEmailTransport)registered.ImplementationFactory!(provider)));
    }
}

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
            await fixture.Service<ConfirmationOutboxRelay>().RelayAsync(CancellationToken.None);
            return (await SignaturesAsync()).All(s => s.EmailsSent == 1)
                   && !(await fixture.SignatureRowsAsync(campaign.Slug)).Any(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        }, seconds: 90);

        var signatures = await SignaturesAsync();
        var poisoned = fixture.Logs.Lines.Count(l => l.Contains("SendConfirmationEmail failed") && l.Contains("moved it to confirmations-poison"));
        output.WriteLine($"{Signers} sent, {poisoned} rounds ran out of tries, {fixture.Transport.Attempts.Values.Sum()} sends tried.");
        Assert.All(signatures, s => Assert.Null(s.EmailFailure));
        Assert.All(emails, email => Assert.Single(Outbox.To(fixture.OutboxFolder, email)));

        // What the transport let through, it let through once per email.
        Assert.Equal(Signers, fixture.Transport.Forwarded.Count);
        Assert.All(fixture.Transport.Forwarded, forwarded => Assert.Equal(1, forwarded.Value));
        Assert.All(signatures, s => Assert.True(fixture.Transport.Forwarded.ContainsKey(KeyOf(s))));

        // Every round that ran out of tries went through the poison queue and was parked, logged by
        // campaign and signature prefix, never by address.
        Assert.True(poisoned > 0, "No message ran out of tries; the poison path was not exercised.");
        var parked = fixture.Logs.Lines.Where(l => l.Contains("round(s) of tries; the relay sends it again") && l.Contains(campaign.Slug)).ToList();
        Assert.Equal(poisoned, parked.Count);
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("Gave up") && l.Contains(campaign.Slug));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("flaky-email-"));
    }

    private static Guid KeyOf(StoredSignature signature) =>
        ConfirmationEmailSender.IdempotencyKey(new ConfirmationRequest(signature.Campaign, signature.Key));
}
