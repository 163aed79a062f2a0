using System.Net.Mail;

namespace PetitionFunctions.Common;

/// <summary>Checks email addresses and reduces them to the form used to spot the same person twice.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    private sealed record MailboxRule(bool IgnoresDots, bool IgnoresPlusTags, string? SameAs = null);

    /// <summary>
    /// Per-provider rules, never a blanket one: most providers treat dots as significant, and only some
    /// deliver "name+tag" to "name". An unknown domain is taken as written.
    /// </summary>
    private static readonly Dictionary<string, MailboxRule> Providers = new(StringComparer.Ordinal)
    {
        ["gmail.com"] = new(IgnoresDots: true, IgnoresPlusTags: true),
        ["googlemail.com"] = new(IgnoresDots: true, IgnoresPlusTags: true, SameAs: "gmail.com"),
        ["outlook.com"] = new(IgnoresDots: false, IgnoresPlusTags: true),
        ["hotmail.com"] = new(IgnoresDots: false, IgnoresPlusTags: true),
        ["live.com"] = new(IgnoresDots: false, IgnoresPlusTags: true),
        ["icloud.com"] = new(IgnoresDots: false, IgnoresPlusTags: true),
        ["me.com"] = new(IgnoresDots: false, IgnoresPlusTags: true, SameAs: "icloud.com"),
        ["proton.me"] = new(IgnoresDots: false, IgnoresPlusTags: true),
        ["protonmail.com"] = new(IgnoresDots: false, IgnoresPlusTags: true),
        ["fastmail.com"] = new(IgnoresDots: false, IgnoresPlusTags: true),
    };

    /// <summary>A plain address (no display name), at most 254 characters, with a dotted domain.</summary>
    public static bool IsValid(string address)
    {
        if (address.Length is 0 or > MaxLength || address.Any(char.IsWhiteSpace)
            || Common.TextFields.HasForbiddenCharacters(address, allowLineBreaks: false)) return false;
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || parsed.DisplayName.Length > 0) return false;
        var at = address.LastIndexOf('@');
        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.Length > 64 || domain.Length < 3) return false;
        var labels = domain.Split('.');
        return labels.Length >= 2
            && labels.All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-')
                                   && label.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && labels[^1].All(char.IsLetter) && labels[^1].Length >= 2;
    }

    /// <summary>Lower-cased, with dots and +tags removed only where the provider ignores them.</summary>
    public static string Canonical(string address)
    {
        var lowered = address.Trim().ToLowerInvariant();
        var at = lowered.LastIndexOf('@');
        var local = lowered[..at];
        var domain = lowered[(at + 1)..];
        if (!Providers.TryGetValue(domain, out var rule)) return lowered;
        if (rule.IgnoresPlusTags && local.IndexOf('+') is var plus and > 0) local = local[..plus];
        if (rule.IgnoresDots) local = local.Replace(".", "", StringComparison.Ordinal);
        return local + "@" + (rule.SameAs ?? domain);
    }

    /// <summary>
    /// The inbox an address delivers to, for counting how much email one inbox gets: <see cref="Canonical"/>,
    /// and a +tag dropped on every domain. Never used to tell people apart: most domains deliver
    /// "name+tag" to "name", but some give it to someone else.
    /// </summary>
    public static string Mailbox(string address)
    {
        var canonical = Canonical(address);
        var at = canonical.LastIndexOf('@');
        return canonical.IndexOf('+') is var plus and > 0 && plus < at ? canonical[..plus] + canonical[at..] : canonical;
    }
}
