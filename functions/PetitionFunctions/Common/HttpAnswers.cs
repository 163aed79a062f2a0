using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PetitionFunctions.Common;

public static class HttpAnswers
{
    /// <summary>The language a request asks for before its body is read: <c>?lang=</c>, then Accept-Language.</summary>
    public static Language LanguageOf(HttpRequest request) =>
        Languages.Negotiate(null, request.Query["lang"], request.Headers.AcceptLanguage);

    /// <summary>303 See Other: after a form post the browser fetches the page with GET.</summary>
    public static IActionResult SeeOther(Uri location) => new SeeOtherResult(location);

    /// <summary>Lets the browser page at <paramref name="origin"/> read the answer (CORS); no origin, no header.</summary>
    public static IActionResult SharedWith(string? origin, IActionResult answer) =>
        origin is null ? answer : new WithHeaders(answer, response =>
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlExposeHeaders = ExposedHeaders;
            response.Headers.Append("Vary", "Origin");
        });

    /// <summary>The request headers a partner's page may send: the ones the API documents.</summary>
    public const string AllowedHeaders = "Content-Type, Accept, Accept-Language, X-RateLimit-Strict";

    /// <summary>What a partner's script may read of an answer besides the basics: when to try again after a 429 or 503.</summary>
    public const string ExposedHeaders = "Retry-After";

    /// <summary>204 to a CORS preflight from an allowed origin: JSON posts for ten minutes.</summary>
    public static IActionResult Preflight(string origin, string methods) =>
        new WithHeaders(new NoContentResult(), response =>
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlAllowMethods = methods;
            response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            response.Headers.AccessControlMaxAge = "600";
            response.Headers.Append("Vary", "Origin");
        });

    private sealed class WithHeaders(IActionResult inner, Action<HttpResponse> addHeaders) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            addHeaders(context.HttpContext.Response);
            return inner.ExecuteResultAsync(context);
        }
    }

    private sealed class SeeOtherResult(Uri location) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.HttpContext.Response.Headers.Location = location.AbsoluteUri;
            return Task.CompletedTask;
        }
    }
}
