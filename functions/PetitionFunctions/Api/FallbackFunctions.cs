using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Api;

/// <summary>
/// Whatever no other function serves: 404 for an address nothing serves, 405 with <c>Allow</c> for a method
/// an address does not take, both as problem+json like every other error. The catch-all route has the
/// lowest precedence, so every specific route is matched first.
/// </summary>
public sealed class FallbackFunctions
{
    public const string Route = "{*path}";

    // The real Functions host tries routes in the order of function names, so the fallback must sort last.
    [Function(nameof(ZzNoSuchRoute))]
    public IActionResult ZzNoSuchRoute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = Route)] HttpRequest request,
        string? path)
    {
        var language = HttpAnswers.LanguageOf(request);
        var methods = RouteTable.MethodsAt(path ?? "");
        if (methods.Count == 0) return Problems.For(ProblemKind.RouteNotFound, language);
        request.HttpContext.Response.Headers.Allow = string.Join(", ", methods);
        return Problems.For(ProblemKind.MethodNotAllowed, language, ApiMessages.Allowed(string.Join(", ", methods)).In(language));
    }
}
