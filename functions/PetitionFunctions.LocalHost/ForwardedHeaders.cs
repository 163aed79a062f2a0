using Microsoft.AspNetCore.HttpOverrides;

namespace PetitionFunctions.LocalHost;

public static class ForwardedHeadersExtensions
{
    /// <summary>
    /// What stands between a client and the app on the real host, played in one process: the host's proxy
    /// sets X-Forwarded-For, -Proto and -Host to what it saw, replacing anything the client sent, and the
    /// worker's forwarded-headers middleware (as ConfigureFunctionsWebApplication adds it) moves them into
    /// the connection and request. A client's own X-Forwarded-For therefore never reaches the app.
    /// </summary>
    public static void UseForwardedHeadersAsTheFunctionsHostDoes(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Request.Headers["X-Forwarded-For"] = context.Connection.RemoteIpAddress?.ToString();
            context.Request.Headers["X-Forwarded-Proto"] = context.Request.Scheme;
            context.Request.Headers["X-Forwarded-Host"] = context.Request.Host.Value;
            return next(context);
        });
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All });
    }
}
