using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PetitionFunctions.Common;

/// <summary>
/// A public, cacheable JSON answer: readable from any origin, cached by browsers and CDNs for 15 s
/// (served stale while revalidating, and while we are down), with an ETag so an unchanged answer is a
/// bodiless 304.
/// </summary>
public static class PublicJson
{
    public const string CacheControl = "public, max-age=15, stale-while-revalidate=15, stale-if-error=300";

    public static IActionResult For(HttpRequest request, object body, bool variesByLanguage = false)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ApiJson.Options);
        var etag = "\"" + WebEncoders.Base64UrlEncode(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"";
        var notModified = request.Headers.IfNoneMatch.Any(value =>
            value is not null && value.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "W/" + etag || tag.Trim() == "*"));
        return new Result(notModified ? null : bytes, etag, variesByLanguage);
    }

    public static void AllowAnyOrigin(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = HttpAnswers.ExposedHeaders;
    }

    /// <summary>
    /// A public read from an in-memory read model: its answer when found; otherwise the problem for
    /// <paramref name="missing"/> (404); a 503 with Retry-After when storage is down and nothing is
    /// cached. Problems are readable from any origin too, so a partner page can tell them apart.
    /// </summary>
    public static async Task<IActionResult> ReadAsync<T>(HttpRequest request, Func<Task<T?>> read, Func<T, IActionResult> answer, ProblemKind missing)
        where T : class
    {
        ProblemKind problem;
        try
        {
            if (await read() is { } found) return answer(found);
            problem = missing;
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            problem = ProblemKind.StorageUnavailable;
        }
        AllowAnyOrigin(request.HttpContext.Response);
        return Problems.For(problem, HttpAnswers.LanguageOf(request));
    }

    private sealed class Result(byte[]? body, string etag, bool variesByLanguage) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.Headers.CacheControl = CacheControl;
            response.Headers.ETag = etag;
            AllowAnyOrigin(response);
            if (variesByLanguage) response.Headers.Vary = HeaderNames.AcceptLanguage;
            if (body is null)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body);
        }
    }
}
