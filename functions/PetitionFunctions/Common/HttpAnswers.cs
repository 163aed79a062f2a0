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
