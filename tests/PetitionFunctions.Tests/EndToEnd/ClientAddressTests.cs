using System.Net;
using PetitionFunctions.Campaigns;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// The address the rate limits key on, as the runtime delivers it to the app. Clients connect from distinct
/// loopback addresses (<see cref="SourceAddressClient"/>). What cannot be played here: Azure's own front end
/// before the host, and Azure Front Door (docs/client-address.md).
/// </summary>
public abstract class ClientAddressTests<TFixture>(TFixture app) where TFixture : AppFixture
{
    private static int _next = new Random().Next(1000, 60000) * 64;

    /// <summary>A loopback address no other test in this run has used.</summary>
    private static IPAddress NewAddress() => SourceAddressClient.Loopback(Interlocked.Increment(ref _next));

    private Task<Campaign> OneSignatureAMinuteAsync() => app.NewCampaignAsync(change: c => c with { RateLimits = [new RateLimitRule(1, 60)] });

    private static Task<HttpStatusCode> SignStrictlyAsync(HttpClient client, Campaign campaign, string? forwardedFor = null) =>
        StrictSignatures.SendAsync(client, campaign, forwardedFor is null ? null : ("X-Forwarded-For", forwardedFor));

    [EndToEndFact]
    public async Task Two_client_addresses_get_separate_rate_limit_buckets()
    {
        var campaign = await OneSignatureAMinuteAsync();
        using var first = app.ClientFrom(NewAddress());
        using var second = app.ClientFrom(NewAddress());

        Assert.Equal(HttpStatusCode.Accepted, await SignStrictlyAsync(first, campaign));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignStrictlyAsync(first, campaign));
        Assert.Equal(HttpStatusCode.Accepted, await SignStrictlyAsync(second, campaign));
    }

    [EndToEndFact]
    public async Task A_client_cannot_choose_its_bucket_with_its_own_X_Forwarded_For()
    {
        var campaign = await OneSignatureAMinuteAsync();
        using var client = app.ClientFrom(NewAddress());

        Assert.Equal(HttpStatusCode.Accepted, await SignStrictlyAsync(client, campaign, "203.0.113.1"));
        foreach (var forged in new[] { "203.0.113.2", "198.51.100.7, 203.0.113.3", "2001:db8::1", "garbage" })
            Assert.Equal(HttpStatusCode.TooManyRequests, await SignStrictlyAsync(client, campaign, forged));
    }

    [EndToEndFact]
    public async Task A_client_cannot_choose_its_bucket_with_a_front_door_header_the_app_was_not_told_to_trust()
    {
        var campaign = await OneSignatureAMinuteAsync();
        using var client = app.ClientFrom(NewAddress());
        string FrontDoorAddress() => $"203.0.113.{Random.Shared.Next(1, 250)}";

        Assert.Equal(HttpStatusCode.Accepted, await StrictSignatures.SendAsync(client, campaign, ("X-Azure-ClientIP", FrontDoorAddress())));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StrictSignatures.SendAsync(client, campaign, ("X-Azure-ClientIP", FrontDoorAddress())));
    }
}

[Collection(RealHostCollection.Name)]
public sealed class ClientAddressOnRealHost(RealHostFixture app) : ClientAddressTests<RealHostFixture>(app);

[Collection(StandInCollection.Name)]
public sealed class ClientAddressOnStandIn(StandInFixture app) : ClientAddressTests<StandInFixture>(app);

/// <summary>
/// A deployment behind Azure Front Door names the header Front Door sets (ClientAddress:TrustedHeader): the
/// address in it is the client's, through the real pipeline. Its own fixture, as the setting changes the app.
/// </summary>
public abstract class TrustedHeaderTests<TFixture> where TFixture : AppFixture, new()
{
    [EndToEndFact]
    public async Task Behind_front_door_the_trusted_header_is_the_client_address()
    {
        var app = new TFixture { Overrides = new Dictionary<string, string?> { ["ClientAddress:TrustedHeader"] = "X-Azure-ClientIP" } };
        await app.InitializeAsync();
        try
        {
            var campaign = await app.NewCampaignAsync(change: c => c with { RateLimits = [new RateLimitRule(1, 60)] });
            Task<HttpStatusCode> SignAsync(string? clientIp) =>
                StrictSignatures.SendAsync(app.Http, campaign, clientIp is null ? null : ("X-Azure-ClientIP", clientIp));

            // One front door connection, many clients: each address in the header has its own bucket.
            Assert.Equal(HttpStatusCode.Accepted, await SignAsync("203.0.113.10"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await SignAsync("203.0.113.10"));
            Assert.Equal(HttpStatusCode.Accepted, await SignAsync("203.0.113.11"));
            // Without the header (a request that did not come through Front Door) the connection's address counts.
            Assert.Equal(HttpStatusCode.Accepted, await SignAsync(null));
            Assert.Equal(HttpStatusCode.TooManyRequests, await SignAsync(null));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}

public sealed class TrustedHeaderOnRealHost : TrustedHeaderTests<RealHostFixture>;

public sealed class TrustedHeaderOnStandIn : TrustedHeaderTests<StandInFixture>;
