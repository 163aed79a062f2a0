using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PetitionFunctions.Common;

namespace PetitionFunctions.Access;

/// <summary>What the admin functions share: reading a JSON body, the caller's name for the logs (answers are never cached: <see cref="AdminGate"/>).</summary>
public static class AdminRequests
{
    /// <summary>Campaign documents carry long texts in two languages, so admin bodies may be larger than a signature's 16 KB.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads at most 128 KB of UTF-8 JSON; anything else is a problem.</summary>
    public static async Task<(string? Json, ProblemKind? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (HeaderUtilities.RemoveQuotes(media.Charset) is { HasValue: true } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            return (null, ProblemKind.UnsupportedContentType);
        if (request.ContentLength > MaxBodyBytes) return (null, ProblemKind.DocumentTooLarge);

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            length += read;
        if (length > MaxBodyBytes) return (null, ProblemKind.DocumentTooLarge);
        try
        {
            return (StrictUtf8.GetString(buffer, 0, length).TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ProblemKind.MalformedBody);
        }
    }

    /// <summary>The admin's object id (from the validated token), for the audit lines in the logs. Staff, never a signer.</summary>
    public static string ActorOf(HttpRequest request) =>
        request.HttpContext.User.FindFirst("oid")?.Value
        ?? request.HttpContext.User.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
        ?? request.HttpContext.User.FindFirst("sub")?.Value
        ?? "unknown";
}

/// <summary>
/// The first segment of every admin route: the admin API is served under /api/manage/.... Not "admin":
/// the Azure Functions host refuses any HTTP route whose template starts with "admin" (or "runtime"),
/// whatever the route prefix ("The specified route conflicts with one or more built in routes"), and
/// the local host refuses the same.
/// </summary>
public static class AdminRoutes
{
    public const string Root = "manage";
}
