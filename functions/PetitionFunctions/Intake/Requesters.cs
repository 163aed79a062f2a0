using Microsoft.AspNetCore.Http;

namespace PetitionFunctions.Intake;

/// <summary>Who sent an intake post, read the same way for signatures, endorsements and stories.</summary>
public static class Requesters
{
    public static Requester Of(HttpRequest request) => new(
        OriginOf(request),
        ClientAddress.From(request.Headers["X-Forwarded-For"].ToString(), request.HttpContext.Connection.RemoteIpAddress),
        request.Headers[Requester.StrictRateLimitsHeader].ToString().Trim() == "429");

    /// <summary>The Origin header: set by browsers, absent for server-to-server clients.</summary>
    public static string? OriginOf(HttpRequest request) => request.Headers.Origin is { Count: > 0 } origin ? origin.ToString() : null;
}
