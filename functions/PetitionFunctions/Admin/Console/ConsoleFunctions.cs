using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

/// <summary>
/// The admin console: one static page, its scripts, styles and icon, compiled into the assembly and served
/// from the app's own origin, so the page calls the admin API without CORS under a policy that allows only
/// the app itself. The page holds no data; everything it shows comes from the admin API with the signed-in
/// admin's token (docs/decisions.md, "The admin console is served by the app").
/// </summary>
public sealed class ConsoleFunctions(ConsoleSignIn signIn)
{
    // With Entra ID sign-in, the script also talks to the authority (its metadata and token endpoints).
    private string Policy =>
        $"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'{(signIn.AuthorityOrigin is { } origin ? " " + origin : "")}; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "PetitionFunctions.Admin.Console.";

    private static readonly Lazy<string> Page = new(() => EmbeddedFiles.Read(ResourcePrefix + "console.html"));

    private static readonly Dictionary<string, string> AssetTypes = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The console's scripts, stylesheet and icon, by file name: every embedded resource of the console but its page.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Assets = new(() =>
        typeof(ConsoleFunctions).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && AssetTypes.ContainsKey(Path.GetExtension(name)))
            .ToDictionary(name => name[ResourcePrefix.Length..], EmbeddedFiles.Read, StringComparer.Ordinal));

    [Function(nameof(AdminConsole))]
    public IActionResult AdminConsole([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "console")] HttpRequest request) =>
        Serve(request, signIn.Into(Page.Value), "text/html; charset=utf-8");

    [Function(nameof(AdminConsoleAsset))]
    public IActionResult AdminConsoleAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "console/{file}")] HttpRequest request,
        string file) =>
        Assets.Value.TryGetValue(file, out var content)
            ? Serve(request, content, AssetTypes[Path.GetExtension(file)])
            : Problems.For(ProblemKind.RouteNotFound, HttpAnswers.LanguageOf(request));

    private ContentResult Serve(HttpRequest request, string content, string type)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
        return new ContentResult { Content = content, ContentType = type, StatusCode = StatusCodes.Status200OK };
    }
}
