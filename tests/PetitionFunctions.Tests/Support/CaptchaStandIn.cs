using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// A local stand-in of the Turnstile and hCaptcha siteverify endpoints (a form post of secret, response
/// and, for hCaptcha, sitekey; a JSON answer with success and error-codes). Token "good" passes,
/// "boom" gets a 500, "drop" has its connection cut; anything else fails with invalid-input-response.
/// </summary>
public sealed class CaptchaStandIn : IDisposable
{
    public const string TurnstileSecret = "turnstile-test-secret";
    public const string HCaptchaSecret = "hcaptcha-test-secret";

    private readonly HttpListener _listener = new();

    public CaptchaStandIn()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Every verify request's form fields, with the path it was posted to under "path".</summary>
    public ConcurrentQueue<Dictionary<string, string>> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var fields = QueryHelpers.ParseQuery(await reader.ReadToEndAsync()).ToDictionary(p => p.Key, p => p.Value.ToString());
            fields["path"] = context.Request.Url!.AbsolutePath;
            fields["content-type"] = context.Request.ContentType ?? "";
            Requests.Enqueue(fields);

            var expectedSecret = context.Request.Url.AbsolutePath.Contains("hcaptcha") ? HCaptchaSecret : TurnstileSecret;
            var token = fields.GetValueOrDefault("response");
            if (token == "drop")
            {
                context.Response.Abort();
                continue;
            }
            context.Response.StatusCode = token == "boom" ? 500 : 200;
            var body = token == "boom" ? "oops"
                : fields.GetValueOrDefault("secret") == expectedSecret && token == "good" ? """{"success":true,"error-codes":[]}"""
                : """{"success":false,"error-codes":["invalid-input-response"]}""";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
