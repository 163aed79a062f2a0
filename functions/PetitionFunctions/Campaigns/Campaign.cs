using System.Text.RegularExpressions;
using PetitionFunctions.Common;

namespace PetitionFunctions.Campaigns;

public sealed partial record Campaign
{
    public required string Slug { get; init; }
    public required CampaignKind Kind { get; init; }
    public required LocalizedText Title { get; init; }
    public required LocalizedText Description { get; init; }
    public required LocalizedText CallToAction { get; init; }
    public required CampaignTarget Target { get; init; }
    public required int Goal { get; init; }

    /// <summary>Goals that take over, in order, once the one before is met (2,500 → 5,000 → 10,000).</summary>
    public IReadOnlyList<int> StretchGoals { get; init; } = [];
    public required CampaignState State { get; init; }
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Partner sites (scheme://host[:port]) whose pages may post to this campaign.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Pages a plain form post may be sent back to. Nothing else is ever redirected to.</summary>
    public IReadOnlyList<string> ReturnUrls { get; init; } = [];

    /// <summary>When signatures are delivered to the target (Delivery stage); absent means the defaults: at the goal and at close.</summary>
    public DeliverySettings Delivery { get; init; } = new();

    /// <summary>Who runs the campaign: gets a copy of what is delivered to the target. Optional.</summary>
    public string? OwnerEmail { get; init; }

    /// <summary>The coalition the packets to the target come from (name, reply-to, contact line); null: the app's sender alone.</summary>
    public Coalition? Coalition { get; init; }

    /// <summary>The letter delivered to the target, in both languages (sign-on letters). Optional.</summary>
    public LocalizedText? LetterText { get; init; }

    /// <summary>Sign-on letters: whether individual leaders (not only organisations) may endorse. Off unless set.</summary>
    public bool AllowsIndividualEndorsements { get; init; }

    /// <summary>Per-address signing limits for this campaign; null means the configured ones (Intake:RateLimits).</summary>
    public IReadOnlyList<RateLimitRule>? RateLimits { get; init; }

    /// <summary>The campaign's kill switch: while set it takes no signatures, endorsements or stories; reads go on.</summary>
    public bool IntakePaused { get; init; }

    /// <summary>A captcha the sign form shows and intake verifies; null for none (the default).</summary>
    public CaptchaSettings? Captcha { get; init; }

    /// <summary>
    /// How often the campaign was opened again after it had closed (a deadline extended, a closed campaign
    /// reopened). Each closing owes its own close delivery, and anonymisation waits for the latest.
    /// </summary>
    public int Reopenings { get; init; }

    /// <summary>The campaign an admin's change turns this one into at <paramref name="now"/>, counting a reopening if it was closed and is open now.</summary>
    public Campaign ChangeTo(Campaign next, DateTimeOffset now) =>
        State != CampaignState.Draft && !IsOpenAt(now) && next.IsOpenAt(now) ? next with { Reopenings = Reopenings + 1 } : next;

    public bool IsOpenAt(DateTimeOffset now) => State == CampaignState.Open && (Deadline is null || now < Deadline);

    /// <summary>
    /// The allowed return URL a requested one matches (same scheme, host and port, and the same path to
    /// the letter; its query is kept), or null. Only URLs listed on the campaign can come back, so this
    /// is never an open redirect.
    /// </summary>
    public Uri? MatchReturnUrl(string requested)
    {
        if (!Uri.TryCreate(requested, UriKind.Absolute, out var candidate) || candidate.UserInfo.Length > 0) return null;
        return ReturnUrls.Select(url => new Uri(url)).Any(allowed =>
            Uri.Compare(allowed, candidate, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            && allowed.AbsolutePath == candidate.AbsolutePath)
            ? candidate
            : null;
    }

    /// <summary>Whether a browser page at this origin (scheme://host[:port]) may post to the campaign.</summary>
    public bool AllowsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var candidate)
        && AllowedOrigins.Any(allowed => Uri.TryCreate(allowed, UriKind.Absolute, out var uri)
            && Uri.Compare(uri, candidate, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0);

    public Uri? DefaultReturnUrl => ReturnUrls.Count > 0 ? new Uri(ReturnUrls[0]) : null;

    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex SlugPattern();
}
