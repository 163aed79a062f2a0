using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// What makes two submissions the same organisation: its canonical name plus its website's domain.
/// An organisation's name and website are public, so the key is a plain (unkeyed) SHA-256 of them: it
/// only has to be fixed-length and safe as a row key, not secret. Admins see the canonical form in clear.
/// </summary>
public static class OrganizationIdentity
{
    /// <summary>
    /// Hosts shared by many unrelated organisations (free email, site builders, social networks). An email
    /// there proves nothing about the organisation, and a website there is told apart by its first path segment.
    /// </summary>
    private static readonly HashSet<string> SharedHosts = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "google.com", "sites.google.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com",
        "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "fastmail.com", "gmx.com", "mail.com", "zoho.com",
        "facebook.com", "instagram.com", "twitter.com", "x.com", "linktr.ee", "linkedin.com", "youtube.com", "tiktok.com",
        "wordpress.com", "blogspot.com", "wixsite.com", "wix.com", "squarespace.com", "weebly.com", "godaddysites.com",
        "github.io", "medium.com", "substack.com", "carrd.co", "actionnetwork.org", "mobilize.us",
    };

    /// <summary>Legal-form words at the end of a name that do not tell two organisations apart.</summary>
    private static readonly HashSet<string> LegalSuffixes = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "llc", "l3c", "ltd", "limited", "corp", "corporation", "co", "company", "nfp", "npo", "pbc", "lp", "llp",
    };

    /// <summary>
    /// Lower case, accents removed, "&amp;" as "and", punctuation dropped, spaces collapsed, a leading "the"
    /// and trailing legal forms (Inc., LLC, Corp...) removed: "The New York Immigration Coalition, Inc." and
    /// "new york immigration coalition" are one name; "Coalición Latina" and "Coalicion Latina" too.
    /// </summary>
    public static string CanonicalName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormKD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (c == '&' || c == '+') text.Append(" and ");
            else if (char.IsLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '’' or '.') continue; // "People's" = "Peoples", "U.S." = "US"
            else text.Append(' ');
        }
        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0] == "the") words.RemoveAt(0);
        while (words.Count > 1 && LegalSuffixes.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    /// <summary>The website's host, lower case, without "www." (plus its first path segment on a shared host); null if not a web address.</summary>
    public static string? Domain(string website)
    {
        if (!Uri.TryCreate(website, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return null;
        var host = HostOf(uri);
        if (!SharedHosts.Contains(host)) return host;
        var segment = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return segment is null ? host : $"{host}/{segment.ToLowerInvariant()}";
    }

    /// <summary>The row key of an organisation's endorsement: "org-" and the SHA-256 of "canonical name|domain", in hex.</summary>
    public static string Key(string canonicalName, string domain) =>
        "org-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalName + "|" + domain)));

    /// <summary>
    /// True when the email's domain is the website's host (without www.) or a subdomain of it:
    /// maria@nyic.org and maria@ny.nyic.org for https://www.nyic.org. Never for shared hosts (gmail.com, wordpress.com...).
    /// </summary>
    public static bool EmailMatchesWebsite(string email, string website)
    {
        if (!Uri.TryCreate(website, UriKind.Absolute, out var uri)) return false;
        var host = HostOf(uri);
        var at = email.LastIndexOf('@');
        if (at < 0) return false;
        var emailDomain = email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        if (SharedHosts.Contains(host) || SharedHosts.Contains(emailDomain) || !host.Contains('.')) return false;
        return emailDomain == host || emailDomain.EndsWith("." + host, StringComparison.Ordinal);
    }

    private static string HostOf(Uri uri)
    {
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}
