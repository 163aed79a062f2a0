using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Submissions;

/// <summary>Who sent an intake post, read the same way for signatures, endorsements and stories.</summary>
public sealed class Requesters(IOptions<ClientAddressOptions> options)
{
    public Requester Of(HttpRequest request) => new(
        OriginOf(request),
        ClientAddress.From(TrustedHeaderOf(request), request.HttpContext.Connection.RemoteIpAddress),
        request.Headers[Requester.StrictRateLimitsHeader].ToString().Trim() == "429")
    {
        Page = Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var page) && page.Scheme is "http" or "https" ? page : null,
        AcceptsHtml = request.GetTypedHeaders().Accept.Any(accepted => accepted.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && accepted.Quality is not 0),
    };

    private string? TrustedHeaderOf(HttpRequest request) =>
        options.Value.TrustedHeader is { Length: > 0 } header ? request.Headers[header].ToString() : null;

    /// <summary>The Origin header: set by browsers, absent for server-to-server clients.</summary>
    public static string? OriginOf(HttpRequest request) => request.Headers.Origin is { Count: > 0 } origin ? origin.ToString() : null;
}
