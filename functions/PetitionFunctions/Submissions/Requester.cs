using System.Net;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Submissions;

/// <summary>
/// Who sent a submission, as far as it matters to intake: the page's Origin (browsers only), the client's
/// address (<see cref="ClientAddress"/>), and whether the client asked to be told 429 when over a rate limit.
/// </summary>
public sealed record Requester(string? Origin, IPAddress? Address = null, bool WantsStrictRateLimits = false)
{
    /// <summary>The request header an API client sends, with the value 429, to get 429 rather than a flagged signature.</summary>
    public const string StrictRateLimitsHeader = "X-RateLimit-Strict";

    /// <summary>
    /// The partner source a partner's <c>sign</c> key vouches for: the signature is counted under it whatever
    /// the body says, and the per-address checks meant for browsers (captcha, rate limits) do not apply to the
    /// partner's server. Null for everyone else.
    /// </summary>
    public string? Partner { get; init; }

    /// <summary>The page the request came from (its Referer), when it gave an http(s) one: where a form's error page links back to.</summary>
    public Uri? Page { get; init; }

    /// <summary>Whether the client asked for HTML (a browser's Accept header does): a form it posted then gets its refusals as a page.</summary>
    public bool AcceptsHtml { get; init; }
}
