using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>
/// The gate every admin function opens with. It validates the Entra ID bearer token (through
/// Microsoft.Identity.Web's JWT bearer handler: the isolated worker has no UseAuthentication, so the
/// check is explicit and runs the same in the Functions host and the local host) and asks for one of
/// the given app roles. No or bad token: 401 with WWW-Authenticate. A good token without the role: 403.
/// </summary>
public sealed class AdminAccess(ILogger<AdminAccess> log)
{
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

    private static IActionResult Challenge(bool tokenPresented, Language language) =>
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
