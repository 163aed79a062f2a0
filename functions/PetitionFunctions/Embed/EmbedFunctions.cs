using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Embed;

/// <summary>
/// Serves the embeddable sign form that partners add to their pages with one script tag. The script is
/// compiled into the assembly, so it always matches the API it talks to.
/// </summary>
public sealed class EmbedFunctions
{
    public const string ResourceName = "PetitionFunctions.Embed.embed.js";

    private static readonly Lazy<string> Script = new(() => EmbeddedFiles.Read(ResourceName));

    [Function("EmbedScript")]
    public IActionResult EmbedScript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "embed.js")] HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "public, max-age=300";
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        return new ContentResult
        {
            Content = Script.Value,
            ContentType = "text/javascript; charset=utf-8",
            StatusCode = StatusCodes.Status200OK,
        };
    }
}
