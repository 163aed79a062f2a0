using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Email;

/// <summary>
/// Sends email through the Azure Communication Services Email REST API (api-version 2025-09-01 by default,
/// see <see cref="AcsOptions.ApiVersion"/>), on Azure.Core's HTTP pipeline. A small stand-in for the
/// Azure.Communication.Email SDK, which our package mirror does not carry; it can replace this class later.
/// </summary>
/// <remarks>
/// The flow: POST {endpoint}/emails:send with an Operation-Id header equal to the idempotency key, so a
/// retried send is one operation, not two emails. The service answers 202 Accepted with an
/// Operation-Location header; this client polls that URL (waiting Retry-After between polls) until the
/// operation's status is Succeeded (Sent), Failed or Canceled (Rejected), or until
/// <see cref="AcsOptions.PollingTimeout"/> passes (transient).
/// Throttling (429), timeouts (408) and server errors (5xx) are retried by the pipeline's RetryPolicy,
/// which honours Retry-After; what still fails afterwards, network failures, and 401/403 (misconfiguration)
/// throw <see cref="TransientEmailException"/>. 400/404/413/422 on the send mean the message itself is
/// unacceptable: Rejected.
/// Authentication: the resource's access key (HMAC-SHA256) when <see cref="AcsOptions.AccessKey"/> is set,
/// otherwise a Microsoft Entra token (managed identity or DefaultAzureCredential).
/// The recipient's address and name never appear in exception messages or in reasons (they are masked).
/// </remarks>
public sealed class AcsEmailTransport : IEmailTransport
{
    internal const string TokenScope = "https://communication.azure.com//.default";

    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(5);
    private const int MaxReasonLength = 500;
    private const string RecipientMask = "[recipient]";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly string _apiVersion;
    private readonly TimeSpan _pollingTimeout;
    private readonly string _senderAddress;
    private readonly string? _replyTo;

    public AcsEmailTransport(IOptions<EmailOptions> options)
        : this(options.Value, credential: null, new AcsEmailClientOptions())
    {
    }

    /// <param name="credential">Used when no access key is configured; null creates one from the options.</param>
    internal AcsEmailTransport(EmailOptions options, TokenCredential? credential, AcsEmailClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientOptions);
        var acs = options.Acs ?? new AcsOptions();

        if (string.IsNullOrWhiteSpace(acs.Endpoint))
            throw new InvalidOperationException("Email:Acs:Endpoint is required when Email:Transport is Acs.");
        if (!Uri.TryCreate(acs.Endpoint.Trim(), UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            throw new InvalidOperationException("Email:Acs:Endpoint must be an absolute https URL, https://{resource}.communication.azure.com.");
        if (string.IsNullOrWhiteSpace(options.SenderAddress))
            throw new InvalidOperationException("Email:SenderAddress is required.");
        if (string.IsNullOrWhiteSpace(acs.ApiVersion))
            throw new InvalidOperationException("Email:Acs:ApiVersion must not be empty.");
        if (acs.PollingTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException("Email:Acs:PollingTimeout must be positive.");

        _endpoint = endpoint;
        _apiVersion = acs.ApiVersion.Trim();
        _pollingTimeout = acs.PollingTimeout;
        _senderAddress = options.SenderAddress.Trim();
        _replyTo = string.IsNullOrWhiteSpace(options.ReplyTo) ? null : options.ReplyTo.Trim();

        HttpPipelinePolicy authentication;
        if (!string.IsNullOrWhiteSpace(acs.AccessKey))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(acs.AccessKey.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Email:Acs:AccessKey is not valid base64 (copy the key, not the connection string).");
            }
            authentication = new HmacAuthenticationPolicy(key);
        }
        else
        {
            // Azure.Core refuses to send a bearer token over plain http; say so now, not at the first email.
            if (endpoint.Scheme != Uri.UriSchemeHttps)
                throw new InvalidOperationException(
                    "Email:Acs:Endpoint must be https for Microsoft Entra ID (managed identity) authentication; "
                    + "plain http is only accepted with Email:Acs:AccessKey, for a local stand-in.");
            credential ??= string.IsNullOrWhiteSpace(acs.ManagedIdentityClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(acs.ManagedIdentityClientId.Trim()));
            authentication = new BearerTokenAuthenticationPolicy(credential, TokenScope);
        }

        // Per retry: every attempt gets a fresh x-ms-date and signature (or token).
        _pipeline = HttpPipelineBuilder.Build(clientOptions, authentication);
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.To);

        var operationId = idempotencyKey.ToString("D");
        var masker = new RecipientMasker([message.To, .. message.Cc]);

        using var send = _pipeline.CreateMessage();
        send.Request.Method = RequestMethod.Post;
        send.Request.Uri.Reset(new Uri(BaseUrl() + "/emails:send?api-version=" + Uri.EscapeDataString(_apiVersion)));
        send.Request.Headers.SetValue("Operation-Id", operationId);
        send.Request.Headers.SetValue("Content-Type", "application/json");
        send.Request.Headers.SetValue("Accept", "application/json");
        send.Request.ClientRequestId = Guid.NewGuid().ToString("D"); // sent as x-ms-client-request-id
        send.Request.Content = RequestContent.Create(await BuildBodyAsync(message, cancellationToken).ConfigureAwait(false));

        await SendThroughPipelineAsync(send, "send", cancellationToken).ConfigureAwait(false);
        var response = send.Response;
        var status = response.Status;

        switch (status)
        {
            case 200 or 201 or 202:
                break;
            case 400 or 404 or 413 or 422:
                return new EmailSendResult.Rejected(masker.Mask(
                    $"ACS refused the message (HTTP {status}{DescribeError(response, masker)})."));
            case 401 or 403:
                throw new TransientEmailException(
                    $"ACS refused the credentials (HTTP {status}): check Email:Acs:AccessKey, or the managed identity's "
                    + "role assignment on the Communication Services resource, and Email:Acs:Endpoint.",
                    RetryAfterOf(response));
            default:
                throw new TransientEmailException(
                    $"ACS did not accept the message (HTTP {status}{DescribeError(response, masker)}).",
                    RetryAfterOf(response));
        }

        // Accepted. The answer may already be final; otherwise poll the operation.
        var opStatus = OperationStatus(response);
        var terminal = ToResult(opStatus, response, masker);
        if (terminal is not null)
            return terminal;

        var operationUrl = OperationUrl(response, operationId);
        var deadline = DateTimeOffset.UtcNow + _pollingTimeout;
        var wait = PollDelay(response);

        while (true)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
                throw PollingTimedOut(opStatus);
            await Task.Delay(wait < remaining ? wait : remaining, cancellationToken).ConfigureAwait(false);

            using var poll = _pipeline.CreateMessage();
            poll.Request.Method = RequestMethod.Get;
            poll.Request.Uri.Reset(operationUrl);
            poll.Request.Headers.SetValue("Accept", "application/json");
            await SendThroughPipelineAsync(poll, "status check", cancellationToken).ConfigureAwait(false);
            var pollResponse = poll.Response;

            if (pollResponse.Status != 200)
            {
                var hint = pollResponse.Status is 401 or 403
                    ? ": check the credentials and the role assignment"
                    : DescribeError(pollResponse, masker);
                throw new TransientEmailException(
                    $"ACS status check of operation {operationId} failed (HTTP {pollResponse.Status}{hint}).",
                    RetryAfterOf(pollResponse));
            }

            opStatus = OperationStatus(pollResponse);
            terminal = ToResult(opStatus, pollResponse, masker);
            if (terminal is not null)
                return terminal;

            if (DateTimeOffset.UtcNow >= deadline)
                throw PollingTimedOut(opStatus);
            wait = PollDelay(pollResponse);
        }

        TransientEmailException PollingTimedOut(string? lastStatus) => new(
            $"ACS operation {operationId} was still {lastStatus ?? "pending"} after {_pollingTimeout}; "
            + "the retry reuses the same Operation-Id.");
    }

    private string BaseUrl() => _endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private async Task<byte[]> BuildBodyAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("senderAddress", _senderAddress);

            json.WriteStartObject("recipients");
            WriteAddresses(json, "to", [message.To]);
            if (message.Cc.Count > 0)
                WriteAddresses(json, "cc", message.Cc);
            json.WriteEndObject();

            json.WriteStartObject("content");
            json.WriteString("subject", message.Subject);
            json.WriteString("plainText", message.PlainText);
            json.WriteString("html", message.Html);
            json.WriteEndObject();

            json.WriteStartObject("headers");
            foreach (var (name, value) in message.ExtraHeaders()) json.WriteString(name, value);
            json.WriteEndObject();

            if ((message.ReplyTo ?? _replyTo) is { } replyTo)
            {
                json.WriteStartArray("replyTo");
                json.WriteStartObject();
                json.WriteString("address", replyTo);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            if (message.Attachments.Count > 0)
            {
                // ACS takes attachments inline, in base64, within its 10 MB message limit; one is read at a time.
                json.WriteStartArray("attachments");
                foreach (var attachment in message.Attachments)
                {
                    json.WriteStartObject();
                    json.WriteString("name", attachment.Name);
                    json.WriteString("contentType", attachment.ContentType);
                    json.WriteBase64String("contentInBase64", await attachment.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }

            json.WriteBoolean("userEngagementTrackingDisabled", true);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteAddresses(Utf8JsonWriter json, string name, IEnumerable<EmailAddress> addresses)
    {
        json.WriteStartArray(name);
        foreach (var address in addresses)
        {
            json.WriteStartObject();
            json.WriteString("address", address.Address);
            if (!string.IsNullOrWhiteSpace(address.DisplayName))
                json.WriteString("displayName", address.DisplayName);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Sends; turns network failures (after the pipeline's own retries) into TransientEmailException.</summary>
    private async Task SendThroughPipelineAsync(HttpMessage message, string what, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException
                                       or TimeoutException or OperationCanceledException or AggregateException)
        {
            throw new TransientEmailException(
                $"Could not reach ACS for the {what} ({ex.GetType().Name}{NetworkDetail(ex)}).", retryAfter: null, ex);
        }
    }

    private static string NetworkDetail(Exception ex)
    {
        var innermost = ex is AggregateException { InnerExceptions.Count: > 0 } agg ? agg.InnerExceptions[^1] : ex;
        while (innermost.InnerException is not null)
            innermost = innermost.InnerException;
        return innermost == ex ? $": {ex.Message}" : $": {ex.Message} / {innermost.Message}";
    }

    private Uri OperationUrl(Response response, string operationId)
    {
        // Only follow Operation-Location to the configured resource: the credentials go with the request.
        if (response.Headers.TryGetValue("Operation-Location", out var location)
            && Uri.TryCreate(location, UriKind.Absolute, out var url)
            && Uri.Compare(url, _endpoint, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0)
            return url;

        return new Uri(BaseUrl() + "/emails/operations/" + Uri.EscapeDataString(operationId)
                       + "?api-version=" + Uri.EscapeDataString(_apiVersion));
    }

    /// <summary>The operation's "status" from the body, or null.</summary>
    private static string? OperationStatus(Response response)
    {
        try
        {
            using var doc = JsonDocument.Parse(response.Content.ToMemory());
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Sent, Rejected, or null while the operation is not finished (or its status is unknown).</summary>
    private static EmailSendResult? ToResult(string? status, Response response, RecipientMasker masker)
    {
        if (string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase))
            return EmailSendResult.SentResult;
        if (string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase)
            || string.Equals(status, "Canceled", StringComparison.OrdinalIgnoreCase)
            || string.Equals(status, "Cancelled", StringComparison.OrdinalIgnoreCase))
            return new EmailSendResult.Rejected(masker.Mask($"ACS operation {status}{DescribeError(response, masker)}."));
        return null;
    }

    /// <summary>", Code: message" from the body's "error" object, masked and shortened; empty if none.</summary>
    private static string DescribeError(Response response, RecipientMasker masker)
    {
        try
        {
            using var doc = JsonDocument.Parse(response.Content.ToMemory());
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
                return "";
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var described = (code, text) switch
            {
                (not null, not null) => $"{code}: {text}",
                (not null, null) => code,
                (null, not null) => text,
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(described))
                return "";
            described = masker.Mask(described);
            if (described.Length > MaxReasonLength)
                described = described[..MaxReasonLength] + "…";
            return ", " + described;
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static TimeSpan PollDelay(Response response)
    {
        var delay = RetryAfterOf(response) ?? DefaultPollInterval;
        if (delay < MinPollInterval) return MinPollInterval;
        if (delay > MaxPollInterval) return MaxPollInterval;
        return delay;
    }

    /// <summary>retry-after-ms, x-ms-retry-after-ms, or Retry-After (seconds or an HTTP date).</summary>
    internal static TimeSpan? RetryAfterOf(Response response)
    {
        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(name, out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
                return TimeSpan.FromMilliseconds(millis);
        }
        if (response.Headers.TryGetValue("Retry-After", out var value) && !string.IsNullOrWhiteSpace(value))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var delta = at - DateTimeOffset.UtcNow;
                return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
            }
        }
        return null;
    }

    /// <summary>Replaces the recipients' addresses and display names in text that came from the service.</summary>
    private sealed class RecipientMasker(IReadOnlyList<EmailAddress> recipients)
    {
        public string Mask(string text)
        {
            foreach (var to in recipients)
            {
                if (!string.IsNullOrWhiteSpace(to.Address))
                    text = text.Replace(to.Address.Trim(), RecipientMask, StringComparison.OrdinalIgnoreCase);
                if (!string.IsNullOrWhiteSpace(to.DisplayName) && to.DisplayName.Trim().Length >= 2)
                    text = text.Replace(to.DisplayName.Trim(), RecipientMask, StringComparison.OrdinalIgnoreCase);
            }
            return text;
        }
    }

    /// <summary>
    /// ACS access-key authentication: x-ms-date, x-ms-content-sha256 and
    /// Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=...
    /// over "{METHOD}\n{path-and-query}\n{date};{host};{content-hash}".
    /// </summary>
    internal sealed class HmacAuthenticationPolicy(byte[] key) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Sign(message, ContentBytes(message, async: false, message.CancellationToken).AsTask().GetAwaiter().GetResult());
            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Sign(message, await ContentBytes(message, async: true, message.CancellationToken).ConfigureAwait(false));
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        private static async ValueTask<byte[]> ContentBytes(HttpMessage message, bool async, CancellationToken cancellationToken)
        {
            if (message.Request.Content is not { } content)
                return [];
            using var buffer = new MemoryStream();
            if (async)
                await content.WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
            else
                content.WriteTo(buffer, cancellationToken);
            return buffer.ToArray();
        }

        private void Sign(HttpMessage message, byte[] body)
        {
            var uri = message.Request.Uri.ToUri();
            var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
            var contentHash = Convert.ToBase64String(SHA256.HashData(body));
            var signature = ComputeSignature(key, message.Request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash);

            message.Request.Headers.SetValue("x-ms-date", date);
            message.Request.Headers.SetValue("x-ms-content-sha256", contentHash);
            message.Request.Headers.SetValue(
                "Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
        }

        internal static string ComputeSignature(
            byte[] key, string method, string pathAndQuery, string date, string host, string contentHash)
        {
            var stringToSign = $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";
            return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        }
    }
}
