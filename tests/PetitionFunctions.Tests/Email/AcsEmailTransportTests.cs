using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Email;

/// <summary>
/// Drives <see cref="AcsEmailTransport"/> over real HTTP against a local stand-in of the ACS Email endpoint
/// (Kestrel on 127.0.0.1, a free port), which records every request and answers per scenario.
/// </summary>
public sealed class AcsEmailTransportTests
{
    private static readonly string TestKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-test-access-key-of-32-bytes!!!"));
    private const string RecipientAddress = "alice.recipient@example.org";
    private const string RecipientName = "Alice Recipient";

    private static readonly EmailMessage Message = new(
        new EmailAddress(RecipientAddress, RecipientName),
        "Please confirm your signature",
        "Plain text body with a link",
        "<p>HTML body with a link</p>")
    {
        Unsubscribe = new Uri("https://petitions.example/api/withdraw?lang=es#abc.def"),
    };

    // ---------------------------------------------------------------- scenarios

    [Fact]
    public async Task Sends_the_documented_request_and_polls_until_succeeded()
    {
        var polls = 0;
        await using var acs = await AcsStandIn.StartAsync(async (req, ctx) =>
        {
            if (req.Method == "POST")
            {
                await Accepted(ctx, req, retryAfter: "0");
                return;
            }
            var n = Interlocked.Increment(ref polls);
            await Json(ctx, 200, n < 2 ? """{"id":"x","status":"Running"}""" : """{"id":"x","status":"Succeeded"}""",
                ("Retry-After", "0"));
        });
        var key = Guid.NewGuid();
        var transport = Transport(acs.BaseUrl, o => o.ReplyTo = "help@petitions.example");

        var result = await transport.SendAsync(Message, key, CancellationToken.None);

        Assert.IsType<EmailSendResult.Sent>(result);
        var requests = acs.Requests.ToArray();
        var send = Assert.Single(requests, r => r.Method == "POST");
        Assert.Equal("/emails:send?api-version=2025-09-01", send.PathAndQuery);
        Assert.Equal(key.ToString(), send.Header("Operation-Id"));
        Assert.True(Guid.TryParse(send.Header("x-ms-client-request-id"), out _), "x-ms-client-request-id is a GUID");
        Assert.StartsWith("application/json", send.Header("Content-Type"));

        using var body = JsonDocument.Parse(send.Body);
        var root = body.RootElement;
        Assert.Equal("DoNotReply@petitions.example", root.GetProperty("senderAddress").GetString());
        var to = Assert.Single(root.GetProperty("recipients").GetProperty("to").EnumerateArray());
        Assert.Equal(RecipientAddress, to.GetProperty("address").GetString());
        Assert.Equal(RecipientName, to.GetProperty("displayName").GetString());
        var content = root.GetProperty("content");
        Assert.Equal(Message.Subject, content.GetProperty("subject").GetString());
        Assert.Equal(Message.PlainText, content.GetProperty("plainText").GetString());
        Assert.Equal(Message.Html, content.GetProperty("html").GetString());
        var replyTo = Assert.Single(root.GetProperty("replyTo").EnumerateArray());
        Assert.Equal("help@petitions.example", replyTo.GetProperty("address").GetString());
        Assert.True(root.GetProperty("userEngagementTrackingDisabled").GetBoolean());
        // No auto-reply should answer it; a mail app's "unsubscribe" leads to the withdraw link.
        var headers = root.GetProperty("headers");
        Assert.Equal("auto-generated", headers.GetProperty("Auto-Submitted").GetString());
        Assert.Equal($"<{Message.Unsubscribe!.AbsoluteUri}>", headers.GetProperty("List-Unsubscribe").GetString());

        var gets = requests.Where(r => r.Method == "GET").ToArray();
        Assert.True(gets.Length >= 2, $"expected at least two polls, saw {gets.Length}");
        Assert.All(gets, g =>
        {
            Assert.Equal($"/emails/operations/{key}?api-version=2025-09-01", g.PathAndQuery);
            Assert.StartsWith("HMAC-SHA256 ", g.Header("Authorization"));
        });
    }

    [Fact]
    public async Task Omits_replyTo_when_not_configured()
    {
        await using var acs = await AcsStandIn.StartAsync((req, ctx) =>
            Json(ctx, 202, """{"id":"x","status":"Succeeded"}"""));

        var result = await Transport(acs.BaseUrl).SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        Assert.IsType<EmailSendResult.Sent>(result);
        using var body = JsonDocument.Parse(Assert.Single(acs.Requests).Body);
        Assert.False(body.RootElement.TryGetProperty("replyTo", out _));
    }

    [Fact]
    public async Task Hmac_signature_and_content_hash_verify_on_the_server_side()
    {
        await using var acs = await AcsStandIn.StartAsync(async (req, ctx) =>
        {
            if (req.Method == "POST") await Accepted(ctx, req, retryAfter: "0");
            else await Json(ctx, 200, """{"id":"x","status":"Succeeded"}""");
        });

        var result = await Transport(acs.BaseUrl).SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        Assert.IsType<EmailSendResult.Sent>(result);
        var requests = acs.Requests.ToArray();
        Assert.Contains(requests, r => r.Method == "POST");
        Assert.Contains(requests, r => r.Method == "GET");
        foreach (var r in requests)
        {
            var date = r.Header("x-ms-date");
            var host = r.Header("Host");
            var contentHash = r.Header("x-ms-content-sha256");
            Assert.False(string.IsNullOrEmpty(date));
            Assert.Equal($"127.0.0.1:{acs.Port}", host);

            // The hash is the body's (the GET's body is empty, and hashes the empty array).
            Assert.Equal(Convert.ToBase64String(SHA256.HashData(r.Body)), contentHash);

            var sentAt = DateTimeOffset.ParseExact(date!, "r", CultureInfo.InvariantCulture);
            Assert.InRange(sentAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(2));

            var stringToSign = $"{r.Method}\n{r.PathAndQuery}\n{date};{host};{contentHash}";
            var expected = Convert.ToBase64String(
                HMACSHA256.HashData(Convert.FromBase64String(TestKey), Encoding.UTF8.GetBytes(stringToSign)));
            Assert.Equal(
                $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={expected}",
                r.Header("Authorization"));
        }
    }

    [Fact]
    public async Task Bearer_token_for_the_communication_scope_is_sent_over_https()
    {
        // Azure.Core's BearerTokenAuthenticationPolicy refuses plain http, so this stand-in speaks TLS with a
        // throwaway self-signed certificate that only this test's client trusts.
        using var certificate = SelfSignedLoopbackCertificate();
        await using var acs = await AcsStandIn.StartAsync(async (req, ctx) =>
        {
            if (req.Method == "POST") await Accepted(ctx, req, retryAfter: "0");
            else await Json(ctx, 200, """{"id":"x","status":"Succeeded"}""");
        }, certificate);
        Assert.StartsWith("https://", acs.BaseUrl);
        var credential = new FakeCredential("fake-token-123");
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
        };
        var transport = new AcsEmailTransport(
            Options(acs.BaseUrl, accessKey: null), credential, FastClientOptions(new HttpClientTransport(handler)));

        var result = await transport.SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        Assert.IsType<EmailSendResult.Sent>(result);
        var requests = acs.Requests.ToArray();
        Assert.Contains(requests, r => r.Method == "GET");
        Assert.All(requests, r => Assert.Equal("Bearer fake-token-123", r.Header("Authorization")));
        Assert.All(requests, r => Assert.Null(r.Header("x-ms-content-sha256")));
        var scopes = Assert.Single(credential.RequestedScopes.Distinct(StringArrayComparer.Instance));
        Assert.Equal(["https://communication.azure.com//.default"], scopes);
    }

    [Fact]
    public void Bearer_authentication_over_plain_http_is_refused_at_construction()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new AcsEmailTransport(
            Options("http://127.0.0.1:1", accessKey: null), new FakeCredential("t"), FastClientOptions()));
        Assert.Contains("https", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_endpoint_is_refused_at_construction(string? endpoint)
    {
        var options = Options("http://placeholder", TestKey);
        options.Acs.Endpoint = endpoint;
        var ex = Assert.Throws<InvalidOperationException>(() => new AcsEmailTransport(options, null, FastClientOptions()));
        Assert.Contains("Endpoint", ex.Message);
    }

    [Fact]
    public async Task Throttled_send_is_retried_after_Retry_After_with_the_same_Operation_Id()
    {
        var posts = 0;
        await using var acs = await AcsStandIn.StartAsync(async (req, ctx) =>
        {
            if (req.Method == "POST")
            {
                if (Interlocked.Increment(ref posts) == 1)
                    await Json(ctx, 429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", ("Retry-After", "1"));
                else
                    await Accepted(ctx, req, retryAfter: "0");
                return;
            }
            await Json(ctx, 200, """{"id":"x","status":"Succeeded"}""");
        });
        var key = Guid.NewGuid();

        var result = await Transport(acs.BaseUrl).SendAsync(Message, key, CancellationToken.None);

        Assert.IsType<EmailSendResult.Sent>(result);
        var sends = acs.Requests.Where(r => r.Method == "POST").ToArray();
        Assert.Equal(2, sends.Length);
        Assert.All(sends, s => Assert.Equal(key.ToString(), s.Header("Operation-Id")));
        var gap = sends[1].ReceivedAt - sends[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"the retry came {gap.TotalMilliseconds:F0} ms after the 429");
    }

    [Fact]
    public async Task Persistent_503_becomes_transient_after_the_pipeline_retries()
    {
        var posts = 0;
        await using var acs = await AcsStandIn.StartAsync((req, ctx) =>
        {
            // The pipeline does not wait after its last attempt, so that answer's hint costs no time here.
            var n = Interlocked.Increment(ref posts);
            return Json(ctx, 503, """{"error":{"code":"ServiceUnavailable","message":"down"}}""",
                ("Retry-After", n < 4 ? "0" : "7"));
        });

        var ex = await Assert.ThrowsAsync<TransientEmailException>(() =>
            Transport(acs.BaseUrl).SendAsync(Message, Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(4, acs.Requests.Count); // 1 + Retry.MaxRetries (3)
        Assert.Contains("503", ex.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        AssertNoPersonalData(ex);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Invalid_message_is_rejected_with_the_error_code(int status)
    {
        await using var acs = await AcsStandIn.StartAsync((req, ctx) => Json(ctx, status,
            $$$"""{"error":{"code":"InvalidRecipient","message":"Recipient '{{{RecipientAddress}}}' ({{{RecipientName}}}) is not valid."}}"""));

        var result = await Transport(acs.BaseUrl).SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        var rejected = Assert.IsType<EmailSendResult.Rejected>(result);
        Assert.Contains("InvalidRecipient", rejected.Reason);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), rejected.Reason);
        Assert.DoesNotContain(RecipientAddress, rejected.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RecipientName, rejected.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Single(acs.Requests); // not retried
    }

    [Fact]
    public async Task Failed_operation_is_rejected_with_its_error()
    {
        await using var acs = await AcsStandIn.StartAsync(async (req, ctx) =>
        {
            if (req.Method == "POST") await Accepted(ctx, req, retryAfter: "0");
            else await Json(ctx, 200,
                """{"id":"x","status":"Failed","error":{"code":"EmailDroppedAllRecipientsSuppressed","message":"Message dropped because all recipients were suppressed."}}""");
        });

        var result = await Transport(acs.BaseUrl).SendAsync(Message, Guid.NewGuid(), CancellationToken.None);

        var rejected = Assert.IsType<EmailSendResult.Rejected>(result);
        Assert.Contains("Failed", rejected.Reason);
        Assert.Contains("EmailDroppedAllRecipientsSuppressed", rejected.Reason);
    }

    [Fact]
    public async Task Operation_still_running_after_the_polling_timeout_is_transient()
    {
        await using var acs = await AcsStandIn.StartAsync(async (req, ctx) =>
        {
            if (req.Method == "POST") await Accepted(ctx, req, retryAfter: "0");
            else await Json(ctx, 200, """{"id":"x","status":"Running"}""", ("Retry-After", "0"));
        });
        var transport = Transport(acs.BaseUrl, o => o.Acs.PollingTimeout = TimeSpan.FromMilliseconds(700));

        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<TransientEmailException>(() =>
            transport.SendAsync(Message, Guid.NewGuid(), CancellationToken.None));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(5));
        Assert.True(acs.Requests.Count(r => r.Method == "GET") >= 2);
        Assert.Contains("Running", ex.Message);
        AssertNoPersonalData(ex);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Refused_credentials_are_transient_and_not_retried_by_the_pipeline(int status)
    {
        await using var acs = await AcsStandIn.StartAsync((req, ctx) =>
            Json(ctx, status, """{"error":{"code":"Denied","message":"Denied."}}"""));

        var ex = await Assert.ThrowsAsync<TransientEmailException>(() =>
            Transport(acs.BaseUrl).SendAsync(Message, Guid.NewGuid(), CancellationToken.None));

        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), ex.Message);
        Assert.Contains("credentials", ex.Message);
        Assert.Single(acs.Requests);
        AssertNoPersonalData(ex);
    }

    [Fact]
    public async Task Connection_refused_is_transient()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        var ex = await Assert.ThrowsAsync<TransientEmailException>(() =>
            Transport($"http://127.0.0.1:{port}").SendAsync(Message, Guid.NewGuid(), CancellationToken.None));

        Assert.NotNull(ex.InnerException);
        Assert.Null(ex.RetryAfter);
        AssertNoPersonalData(ex);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_transient_failure()
    {
        await using var acs = await AcsStandIn.StartAsync(async (req, ctx) =>
        {
            if (req.Method == "POST") await Accepted(ctx, req, retryAfter: "5");
            else await Json(ctx, 200, """{"id":"x","status":"Succeeded"}""");
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Transport(acs.BaseUrl).SendAsync(Message, Guid.NewGuid(), cts.Token));
    }

    // ---------------------------------------------------------------- helpers

    private static void AssertNoPersonalData(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(RecipientAddress, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(RecipientName, e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static EmailOptions Options(string endpoint, string? accessKey) => new()
    {
        Transport = EmailTransportKind.Acs,
        SenderAddress = "DoNotReply@petitions.example",
        Acs = new AcsOptions { Endpoint = endpoint, AccessKey = accessKey },
    };

    private static AcsEmailClientOptions FastClientOptions(HttpPipelineTransport? transport = null)
    {
        var options = new AcsEmailClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        if (transport is not null)
            options.Transport = transport;
        return options;
    }

    private static AcsEmailTransport Transport(string endpoint, Action<EmailOptions>? configure = null)
    {
        var options = Options(endpoint, TestKey);
        configure?.Invoke(options);
        return new AcsEmailTransport(options, credential: null, FastClientOptions());
    }

    /// <summary>202 Accepted the way ACS answers it: Operation-Location, Retry-After, body { id, status }.</summary>
    private static Task Accepted(HttpContext ctx, Recorded req, string retryAfter)
    {
        var operationId = req.Header("Operation-Id") ?? Guid.NewGuid().ToString();
        var location = $"{ctx.Request.Scheme}://{ctx.Request.Host}/emails/operations/{operationId}?api-version=2025-09-01";
        return Json(ctx, 202, $$"""{"id":"{{operationId}}","status":"Running"}""",
            ("Operation-Location", location), ("Retry-After", retryAfter));
    }

    private static async Task Json(HttpContext ctx, int status, string json, params (string Name, string Value)[] headers)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        foreach (var (name, value) in headers)
            ctx.Response.Headers[name] = value;
        await ctx.Response.WriteAsync(json);
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }

    internal sealed record Recorded(
        string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body, TimeSpan ReceivedAt)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>A local stand-in for the ACS endpoint: records requests, answers with the scenario's handler.</summary>
    private sealed class AcsStandIn : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Recorded> _requests = new();
        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        private AcsStandIn(WebApplication app) => _app = app;

        public string BaseUrl { get; private set; } = "";
        public int Port => new Uri(BaseUrl).Port;
        public IReadOnlyCollection<Recorded> Requests => _requests;

        public static async Task<AcsStandIn> StartAsync(Func<Recorded, HttpContext, Task> handler, X509Certificate2? certificate = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            if (certificate is null)
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
            }
            else
            {
                builder.WebHost.UseKestrelHttpsConfiguration();
                builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            }

            var app = builder.Build();
            var standIn = new AcsStandIn(app);
            app.Run(async ctx =>
            {
                using var buffer = new MemoryStream();
                await ctx.Request.Body.CopyToAsync(buffer);
                var headers = ctx.Request.Headers.ToDictionary(
                    h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                var target = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget
                             ?? ctx.Request.Path + ctx.Request.QueryString;
                var recorded = new Recorded(ctx.Request.Method, target, headers, buffer.ToArray(), Clock.Elapsed);
                standIn._requests.Enqueue(recorded);
                await handler(recorded, ctx);
            });

            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            standIn.BaseUrl = address.TrimEnd('/');
            return standIn;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class FakeCredential(string token) : TokenCredential
    {
        public ConcurrentQueue<string[]> RequestedScopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.Enqueue(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    private sealed class StringArrayComparer : IEqualityComparer<string[]>
    {
        public static readonly StringArrayComparer Instance = new();
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);
        public int GetHashCode(string[] obj) => string.Join("\n", obj).GetHashCode(StringComparison.Ordinal);
    }
}
