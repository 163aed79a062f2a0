using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PetitionFunctions.Tests.Support;

/// <summary>How a hostile request must be answered.</summary>
public enum HostileAnswer
{
    /// <summary>The app's own refusal: application/problem+json with the status in its body.</summary>
    Problem,

    /// <summary>A link opened in a browser (confirm, withdraw): the app's HTML page, never problem+json.</summary>
    Page,

    /// <summary>Refused before any function runs (no route matches, or the server rejects the request line): the host's answer.</summary>
    Host,
}

/// <summary>One bad request: its name (the test case's), how to build it against the targets, and the answer it must get.</summary>
public sealed record HostileCase(
    string Name,
    Func<HostileTargets, HttpRequestMessage> Build,
    HttpStatusCode Status,
    string[]? Fields = null,
    HostileAnswer Answer = HostileAnswer.Problem,
    string? ProblemType = null)
{
    public override string ToString() => Name;
}

/// <summary>Builders for raw requests: bytes, content types and paths exactly as given, nothing tidied by the client.</summary>
public static class HostileRequests
{
    public const string Json = "application/json";
    public const string FormType = "application/x-www-form-urlencoded";

    public static HttpRequestMessage Post(Uri url, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    public static HttpRequestMessage Send(HttpMethod method, Uri url, string body, string contentType = Json) =>
        new(method, url) { Content = Content(Encoding.UTF8.GetBytes(body), contentType) };

    /// <summary>A body streamed without Content-Length (chunked transfer encoding).</summary>
    public static HttpRequestMessage Chunked(HttpMethod method, Uri url, byte[] body, string contentType)
    {
        var content = new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    public static HttpRequestMessage AsAdmin(this HttpRequestMessage request, HostileTargets targets)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", targets.AdminToken);
        return request;
    }

    public static HttpRequestMessage WithHeader(this HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static HttpRequestMessage Raw(HttpMethod method, Uri url, byte[] body, string contentType) => new(method, url) { Content = Content(body, contentType) };

    /// <summary>The path as written: no dot-segment removal, no unescaping by the client.</summary>
    public static Uri Path(HostileTargets targets, string path) =>
        new(targets.Api.AbsoluteUri + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    /// <summary>Form fields percent-encoded one by one, so a value may hold anything, even what a browser never sends.</summary>
    public static string Form(params (string Name, string Value)[] fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static JsonNode Set(this JsonNode node, string path, JsonNode? value)
    {
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(node, Step);
        if (int.TryParse(names[^1], out var index)) parent[index] = value;
        else parent[names[^1]] = value;
        return node;
    }

    public static JsonNode Remove(this JsonNode node, string path)
    {
        var names = path.Split('.');
        names[..^1].Aggregate(node, Step).AsObject().Remove(names[^1]);
        return node;
    }

    private static JsonNode Step(JsonNode current, string name) => int.TryParse(name, out var index) ? current[index]! : current[name]!;

    /// <summary>A read-once stream of unknown length, so the client must send it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
