using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;

namespace PetitionFunctions.Access;

/// <summary>
/// The gate every admin function opens with. It validates the Entra ID bearer token (through
/// Microsoft.Identity.Web's JWT bearer handler: the isolated worker has no UseAuthentication, so the
/// check is explicit and runs the same in the Functions host and the local host) and asks for one of
/// the given app roles. No or bad token: 401 with WWW-Authenticate. A good token without the role: 403.
/// </summary>
public sealed class AdminAccess(ILogger<AdminAccess> log)
{
    /// <summary>
    /// Answers an admin request for a caller with one of the roles (401 or 403 otherwise). Storage out of
    /// reach anywhere in the answer is a 503 with Retry-After and problem+json, never a 500.
    /// </summary>
    public async Task<IActionResult> AnswerAsync(HttpRequest request, IReadOnlyList<string> anyOfRoles, Func<Task<IActionResult>> answer)
    {
        if (await DenyUnlessAsync(request, [.. anyOfRoles]) is { } denied) return denied;
        try
        {
            return await answer();
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable for an admin request to {Path} ({Failure}); answered 503.", request.Path, e.GetType().Name);
            return Problems.For(ProblemKind.StorageUnavailable, HttpAnswers.LanguageOf(request));
        }
    }

    public async Task<IActionResult?> DenyUnlessAsync(HttpRequest request, params string[] anyOfRoles)
    {
        var result = await request.HttpContext.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        var language = HttpAnswers.LanguageOf(request);
        if (!result.Succeeded || result.Principal is null)
        {
            var presented = request.Headers.Authorization.Count > 0;
            if (presented) log.LogWarning("An admin request to {Path} carried a token that failed validation.", request.Path);
            return Challenge(presented, language);
        }
        var principal = result.Principal;
        if (!anyOfRoles.Any(role => principal.IsInRole(role) || principal.HasClaim("roles", role)))
        {
            log.LogWarning("An admin request to {Path} lacked the role {Roles}.", request.Path, string.Join(" or ", anyOfRoles));
            return Problems.For(ProblemKind.RoleRequired, language, string.Join(" or ", anyOfRoles));
        }
        request.HttpContext.User = principal;
        return null;
    }

    private static ChallengeResult Challenge(bool tokenPresented, Language language) =>
        new ChallengeResult(Problems.For(ProblemKind.AuthenticationRequired, language),
            tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");

    private sealed class ChallengeResult(IActionResult problem, string challenge) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = challenge;
            return problem.ExecuteResultAsync(context);
        }
    }
}
