using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;

namespace PetitionFunctions.Access;

/// <summary>
/// The one gate in front of every admin function (every route under /api/manage/). Both runtimes call it
/// around the function: the Functions host through <see cref="AdminGateMiddleware"/>, the stand-in host
/// before it invokes the method. It validates the Entra ID bearer token (Microsoft.Identity.Web's JWT bearer
/// handler, through <c>AuthenticateAsync</c>: the isolated worker has no UseAuthentication) and asks for
/// one of the roles in the function's <see cref="RequiresRoleAttribute"/>. No or bad token: 401 with
/// WWW-Authenticate. A good token without the role, or a function that names no roles: 403. Every answer
/// is no-store, and storage out of reach anywhere in the function is a 503 with Retry-After, never a 500.
/// </summary>
public sealed class AdminGate(ILogger<AdminGate> log)
{
    private static readonly ConcurrentDictionary<MethodInfo, IReadOnlyList<string>> Declared = new();

    /// <summary>Whether a function's route template is under the admin root, so the gate must guard it.</summary>
    public static bool Guards(string? routeTemplate) =>
        routeTemplate?.TrimStart('/') is { } route
        && (route.Equals(AdminRoutes.Root, StringComparison.OrdinalIgnoreCase)
            || route.StartsWith(AdminRoutes.Root + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The roles a function accepts, any one of them; empty when it declares none (then nobody may call it).</summary>
    public static IReadOnlyList<string> RolesOf(MethodInfo function) =>
        Declared.GetOrAdd(function, static method => method.GetCustomAttribute<RequiresRoleAttribute>()?.AnyOf ?? []);

    /// <summary>
    /// Runs a guarded function: <paramref name="invoke"/> only for a caller the gate admits. Returns the
    /// gate's own answer (401, 403, 503) when it answers in the function's place, or null when the
    /// function's answer stands. Either way the response is already marked no-store.
    /// </summary>
    public async Task<IActionResult?> GuardAsync(HttpRequest request, MethodInfo function, Func<Task> invoke)
    {
        // Admin answers hold unpublished campaigns and personal data: no cache may keep any of them.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (await DenyAsync(request, function) is { } denied) return denied;
        try
        {
            await invoke();
            return null;
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable for an admin request to {Path} ({Failure}); answered 503.", request.Path, e.GetType().Name);
            return Problems.For(ProblemKind.StorageUnavailable, HttpAnswers.LanguageOf(request));
        }
    }

    private async Task<IActionResult?> DenyAsync(HttpRequest request, MethodInfo function)
    {
        var result = await request.HttpContext.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        var language = HttpAnswers.LanguageOf(request);
        if (!result.Succeeded || result.Principal is null)
        {
            var presented = request.Headers.Authorization.Count > 0;
            if (presented) log.LogWarning("An admin request to {Path} carried a token that failed validation.", request.Path);
            return Challenge(presented, language);
        }
        var anyOfRoles = RolesOf(function);
        if (anyOfRoles.Count == 0)
        {
            log.LogError("The admin function {Function} declares no roles ([RequiresRole]); the request to {Path} was refused.", function.Name, request.Path);
            return Problems.For(ProblemKind.RoleRequired, language);
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
        new(Problems.For(ProblemKind.AuthenticationRequired, language), tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");

    private sealed class ChallengeResult(IActionResult problem, string challenge) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = challenge;
            return problem.ExecuteResultAsync(context);
        }
    }
}
