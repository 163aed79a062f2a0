using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Api;

/// <summary>Serves the OpenAPI 3.1 description of every HTTP function (docs/openapi.json, compiled in).</summary>
public sealed class OpenApiFunctions
{
    public const string ResourceName = "PetitionFunctions.openapi.json";

    private static readonly Lazy<string> Document = new(() => EmbeddedFiles.Read(ResourceName));

    [Function(nameof(OpenApiDocument))]
    public IActionResult OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        PublicJson.AllowAnyOrigin(request.HttpContext.Response);
        return new ContentResult { Content = Document.Value, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
