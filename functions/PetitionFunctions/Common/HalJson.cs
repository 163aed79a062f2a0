using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace PetitionFunctions.Common;

/// <summary>How OSDI resources are written: HAL+JSON, snake_case, absent fields left out, times in whole UTC seconds.</summary>
public static class HalJson
{
    public const string MediaType = "application/hal+json";

    /// <summary>Our OSDI vendor prefix: of our identifiers ("petitionfunctions:{key}") and of our own fields.</summary>
    public const string VendorPrefix = "petitionfunctions:";

    /// <summary>ApiJson's style, leaving out absent links and fields (HAL has no "next" on the last page).</summary>
    public static readonly JsonSerializerOptions Options = new(ApiJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>OSDI's one curie: "osdi:petition" expands to the OSDI documentation of the petition resource.</summary>
    public static readonly IReadOnlyList<HalCurie> Curies = [new("osdi", "https://opensupporter.github.io/osdi-docs/{rel}", Templated: true)];

    /// <summary>OSDI's date format: <c>2026-12-04T18:23:59Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static IActionResult Answer(object body, int status = StatusCodes.Status200OK) => new ContentResult
    {
        StatusCode = status,
        ContentType = MediaType + "; charset=utf-8",
        Content = JsonSerializer.Serialize(body, Options),
    };

    /// <summary>Whether a client asked for OSDI's shape: <c>Accept: application/hal+json</c> (not refused with q=0), or <c>?osdi=1</c>.</summary>
    public static bool IsWanted(HttpRequest request)
    {
        var osdi = request.Query["osdi"].ToString();
        if (osdi is "1" || osdi.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        return MediaTypeHeaderValue.TryParseList(request.Headers.Accept.OfType<string>().ToList(), out var accepted)
            && accepted.Any(type => type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase) && type.Quality is not 0);
    }
}

public sealed record HalLink(string Href);

public sealed record HalCurie(string Name, string Href, bool Templated);
