using System.Text;
using Microsoft.AspNetCore.Http;
using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Common;

public class RequestBodyTests
{
    private static HttpRequest Request(string? contentType, byte[] body, long? contentLength = -1)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = contentLength == -1 ? body.Length : contentLength;
        return context.Request;
    }

    private static HttpRequest Request(string? contentType, string body) => Request(contentType, Encoding.UTF8.GetBytes(body));

    private static Task<(RequestBody? Body, ProblemKind? Problem)> Read(HttpRequest request) =>
        RequestBody.ReadAsync(request, CancellationToken.None);

    /// <summary>A stream that fails the test if anything reads it.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read.");
        public override int Read(Span<byte> buffer) => throw new InvalidOperationException("The body was read.");
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The body was read.");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body was read.");
    }

    /// <summary>Hands out at most a few bytes per read, like a network stream.</summary>
    private sealed class TricklingStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/hal+json")]
    [InlineData("application/hal+json; charset=utf-8")]
    [InlineData("application/json; charset=utf-8; profile=\"https://opensupporter.github.io/osdi-docs/\"")]
    [InlineData("application/hal+json; profile=osdi; v=1.1")]
    public async Task Json_is_read(string contentType)
    {
        var (body, problem) = await Read(Request(contentType, """{"comments":"Ñandú"}"""));
        Assert.Null(problem);
        Assert.Equal(new RequestBody(BodyFormat.Json, """{"comments":"Ñandú"}"""), body);
    }

    [Fact]
    public async Task A_leading_byte_order_mark_is_dropped()
    {
        var (body, problem) = await Read(Request("application/json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{}")]));
        Assert.Null(problem);
        Assert.Equal("{}", body!.Text);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-8")]
    public async Task Form_data_is_read(string contentType)
    {
        var (body, problem) = await Read(Request(contentType, "given_name=Ana&email=ana%40example.org"));
        Assert.Null(problem);
        Assert.Equal(BodyFormat.Form, body!.Format);
        Assert.Equal("given_name=Ana&email=ana%40example.org", body.Text);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/x-www-form-urlencoded; charset=iso-8859-1")]
    [InlineData("application/hal+json; charset=iso-8859-1")]
    [InlineData("not a media type")]
    public async Task Other_content_types_are_unsupported(string? contentType)
    {
        var (body, problem) = await Read(Request(contentType, "{}"));
        Assert.Null(body);
        Assert.Equal(ProblemKind.UnsupportedContentType, problem);
    }

    [Theory]
    [InlineData(null, "{}")]
    [InlineData("", "{\"person\":{}}")]
    [InlineData(null, "\uFEFF \r\n\t[1]")]
    public async Task A_JSON_body_without_a_Content_Type_is_told_the_header_it_lacks(string? contentType, string text)
    {
        var (body, problem) = await Read(Request(contentType, text));
        Assert.Null(body);
        Assert.Equal(ProblemKind.JsonWithoutContentType, problem);
    }

    [Theory]
    [InlineData(null, "given_name=Ana")]
    [InlineData(null, "")]
    [InlineData("", "<xml/>")]
    public async Task Another_body_without_a_Content_Type_is_unsupported(string? contentType, string text)
    {
        var (body, problem) = await Read(Request(contentType, text));
        Assert.Null(body);
        Assert.Equal(ProblemKind.UnsupportedContentType, problem);
    }

    [Fact]
    public async Task A_declared_length_over_16384_is_too_large_without_reading()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = RequestBody.MaxBytes + 1;
        context.Request.Body = new UnreadableStream();
        var (body, problem) = await Read(context.Request);
        Assert.Null(body);
        Assert.Equal(ProblemKind.BodyTooLarge, problem);
    }

    [Fact]
    public async Task A_body_of_16385_bytes_without_a_length_is_too_large()
    {
        var (body, problem) = await Read(Request("application/json", new byte[RequestBody.MaxBytes + 1], contentLength: null));
        Assert.Null(body);
        Assert.Equal(ProblemKind.BodyTooLarge, problem);
    }

    [Fact]
    public async Task A_body_longer_than_its_declared_length_is_too_large()
    {
        var (body, problem) = await Read(Request("application/json", new byte[RequestBody.MaxBytes + 1], contentLength: 10));
        Assert.Null(body);
        Assert.Equal(ProblemKind.BodyTooLarge, problem);
    }

    [Fact]
    public async Task A_body_of_exactly_16384_bytes_is_read()
    {
        var text = "{\"comments\":\"" + new string('a', RequestBody.MaxBytes - 15) + "\"}";
        Assert.Equal(RequestBody.MaxBytes, Encoding.UTF8.GetByteCount(text));
        var (body, problem) = await Read(Request("application/json", text));
        Assert.Null(problem);
        Assert.Equal(text, body!.Text);
    }

    [Fact]
    public async Task A_body_of_exactly_16384_bytes_without_a_length_is_read()
    {
        var bytes = Enumerable.Repeat((byte)'a', RequestBody.MaxBytes).ToArray();
        var (body, problem) = await Read(Request("application/x-www-form-urlencoded", bytes, contentLength: null));
        Assert.Null(problem);
        Assert.Equal(RequestBody.MaxBytes, body!.Text.Length);
    }

    [Fact]
    public async Task A_body_arriving_in_small_pieces_is_read_whole()
    {
        var text = "given_name=" + new string('x', 1000);
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new TricklingStream(Encoding.UTF8.GetBytes(text));
        var (body, problem) = await Read(context.Request);
        Assert.Null(problem);
        Assert.Equal(text, body!.Text);
    }

    [Fact]
    public async Task An_empty_body_is_read_as_empty_text()
    {
        var (body, problem) = await Read(Request("application/json", []));
        Assert.Null(problem);
        Assert.Equal("", body!.Text);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0xFF, 0x7D })]              // 0xFF never appears in UTF-8
    [InlineData(new byte[] { 0x61, 0xC3 })]                    // truncated two-byte sequence
    [InlineData(new byte[] { 0x61, 0xE9, 0x62 })]              // Latin-1 "é"
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]              // UTF-16 surrogate encoded in UTF-8
    public async Task Invalid_utf8_is_malformed(byte[] bytes)
    {
        var (body, problem) = await Read(Request("application/json", bytes));
        Assert.Null(body);
        Assert.Equal(ProblemKind.MalformedBody, problem);
    }
}
