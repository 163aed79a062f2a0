using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PetitionFunctions.Common;

/// <summary>A write request's body, read and size-checked, before any field is looked at.</summary>
public sealed record RequestBody(BodyFormat Format, string Text)
{
    public const int MaxBytes = 16 * 1024;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> (16 KB unless a caller needs more, like a story) of JSON
    /// or form data; anything else, larger or not UTF-8 is a problem.
    /// </summary>
    public static async Task<(RequestBody? Body, ProblemKind? Problem)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken, int maxBytes = MaxBytes)
    {
        // With no Content-Type at all the body is read first: a JSON one is told the header it lacks.
        var untyped = string.IsNullOrWhiteSpace(request.ContentType);
        var format = FormatOf(request.ContentType);
        if (format is null && !untyped) return (null, ProblemKind.UnsupportedContentType);
        if (request.ContentLength > maxBytes) return (null, ProblemKind.BodyTooLarge);

        // Sized to the declared length when there is one (a large limit costs nothing for small bodies),
        // grown up to the limit when the length is unknown; one byte over the limit is enough to refuse.
        var buffer = new byte[Math.Min(maxBytes, (int?)request.ContentLength ?? MaxBytes) + 1];
        var length = 0;
        int read;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes) break;
                Array.Resize(ref buffer, (int)Math.Min((long)maxBytes + 1, buffer.Length * 2L));
            }
            if ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) <= 0) break;
            length += read;
        }
        if (length > maxBytes) return (null, ProblemKind.BodyTooLarge);
        if (format is null) return (null, LooksLikeJson(buffer.AsSpan(0, length)) ? ProblemKind.JsonWithoutContentType : ProblemKind.UnsupportedContentType);

        try
        {
            // A byte-order mark is legal at the start of UTF-8 but means nothing to the parsers.
            return (new RequestBody(format.Value, StrictUtf8.GetString(buffer, 0, length).TrimStart('\uFEFF')), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ProblemKind.MalformedBody);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A body that starts, after a byte-order mark and white space, with <c>{</c> or <c>[</c>.</summary>
    private static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) body = body[3..];
        body = body.TrimStart(" \t\r\n"u8);
        return !body.IsEmpty && body[0] is (byte)'{' or (byte)'[';
    }

    /// <summary>JSON is <c>application/json</c> or OSDI's <c>application/hal+json</c>, with any parameters (<c>profile</c>…) but a charset other than UTF-8.</summary>
    private static BodyFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        var charset = HeaderUtilities.RemoveQuotes(media.Charset);
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return null;
        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/hal+json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals(JsonMergePatch.MediaType, StringComparison.OrdinalIgnoreCase)) return BodyFormat.Json;
        if (media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) return BodyFormat.Form;
        return null;
    }
}
