using MimeKit;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// A link from an email's plain-text part: the address under /api/ its page is at (with any <c>?lang=</c>),
/// and the token its fragment carries, which no request sends.
/// </summary>
public sealed record EmailLink(string Path, string Token)
{
    /// <summary>The first link in the email to this page (<c>"confirm"</c>, <c>"withdraw"</c>, <c>"endorsements/confirm"</c>…).</summary>
    public static EmailLink In(MimeMessage message, string page)
    {
        ArgumentNullException.ThrowIfNull(message);
        var marker = "/api/" + page;
        var line = (message.TextBody ?? "").Split('\n').Select(l => l.Trim())
            .First(l => l.Contains(marker + "#", StringComparison.Ordinal) || l.Contains(marker + "?", StringComparison.Ordinal));
        var link = line[(line.IndexOf("/api/", StringComparison.Ordinal) + "/api/".Length)..];
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        return new EmailLink(link[..hash], link[(hash + 1)..]);
    }

    public EmailLink WithToken(string token) => this with { Token = token };

    /// <summary>What the link's page does once its script has read the fragment: posts the token in its form.</summary>
    public Task<HttpResponseMessage> FollowAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.PostAsync(Path, new FormUrlEncodedContent([new("link", Token)]));
    }
}
