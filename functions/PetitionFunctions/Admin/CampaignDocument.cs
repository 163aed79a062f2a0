using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>Text in both languages as an admin sends it: either may be missing while the campaign is a draft.</summary>
public sealed record LocalizedInput(string? En, string? Es);

public sealed record TargetInput(string? Name, string? Title, string? DeliveryEmail);

public sealed record RateLimitInput(int? Count, int? WindowSeconds);

/// <summary>When a campaign is delivered (<see cref="DeliverySettings"/>); a field left out takes its default.</summary>
public sealed record DeliveryInput(bool? OnGoalReached, int? Every, string? WeeklyDay, int? WeeklyHourUtc, bool? AtClose);

/// <summary>A campaign's captcha as an admin sends it; provider "none" removes it.</summary>
public sealed record CaptchaInput(string? Provider, string? SiteKey);

/// <summary>
/// A campaign as an admin sends it (POST and PUT), snake_case like <see cref="ApiJson"/>. Everything is
/// nullable so that <see cref="CampaignRules"/>, not the JSON reader, says what is missing, per field.
/// </summary>
public sealed record CampaignInput
{
    public string? Slug { get; init; }
    public string? Kind { get; init; }
    public string? State { get; init; }
    public LocalizedInput? Title { get; init; }
    public LocalizedInput? Description { get; init; }
    public LocalizedInput? CallToAction { get; init; }
    public TargetInput? Target { get; init; }
    public int? Goal { get; init; }
    public IReadOnlyList<int>? StretchGoals { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public IReadOnlyList<string?>? AllowedOrigins { get; init; }
    public IReadOnlyList<string?>? ReturnUrls { get; init; }
    public string? OwnerEmail { get; init; }
    public LocalizedInput? LetterText { get; init; }

    /// <summary>Absent keeps the campaign's limits; an empty list means none for this campaign.</summary>
    public IReadOnlyList<RateLimitInput?>? RateLimits { get; init; }

    /// <summary>Absent keeps the campaign's switch.</summary>
    public bool? IntakePaused { get; init; }

    /// <summary>Absent keeps the campaign's captcha.</summary>
    public CaptchaInput? Captcha { get; init; }

    /// <summary>Sign-on letters: whether leaders may endorse as individuals. Absent keeps the campaign's setting.</summary>
    public bool? AllowsIndividualEndorsements { get; init; }

    /// <summary>Absent keeps the campaign's delivery settings.</summary>
    public DeliveryInput? Delivery { get; init; }

    /// <summary>The JSON names this document may hold, per object (the root is ""), for telling a typo from an omission.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> KnownFields = new Dictionary<string, string[]>
    {
        [""] = ["slug", "kind", "state", "title", "description", "call_to_action", "target", "goal", "stretch_goals", "deadline",
            "allowed_origins", "return_urls", "owner_email", "letter_text", "rate_limits", "intake_paused", "captcha",
            "allows_individual_endorsements", "delivery"],
        ["captcha"] = ["provider", "site_key"],
        ["delivery"] = ["on_goal_reached", "every", "weekly_day", "weekly_hour_utc", "at_close"],
        ["title"] = ["en", "es"],
        ["description"] = ["en", "es"],
        ["call_to_action"] = ["en", "es"],
        ["letter_text"] = ["en", "es"],
        ["target"] = ["name", "title", "delivery_email"],
    };
}

/// <summary>
/// The full campaign as admins see it (every field, including the delivery address, origins and return
/// URLs): the same shape <see cref="CampaignInput"/> reads, so a GET can be edited and PUT back.
/// </summary>
public sealed record CampaignDocument(
    string Slug,
    CampaignKind Kind,
    CampaignState State,
    LocalizedText Title,
    LocalizedText Description,
    LocalizedText CallToAction,
    CampaignTarget Target,
    int Goal,
    IReadOnlyList<int> StretchGoals,
    DateTimeOffset? Deadline,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> ReturnUrls,
    string? OwnerEmail,
    LocalizedText? LetterText,
    IReadOnlyList<RateLimitRule>? RateLimits,
    bool IntakePaused,
    CaptchaSettings? Captcha,
    bool AllowsIndividualEndorsements,
    DeliverySettings Delivery)
{
    public static CampaignDocument From(Campaign c) =>
        new(c.Slug, c.Kind, c.State, c.Title, c.Description, c.CallToAction, c.Target, c.Goal, c.StretchGoals, c.Deadline,
            c.AllowedOrigins, c.ReturnUrls, c.OwnerEmail, c.LetterText, c.RateLimits, c.IntakePaused, c.Captcha,
            c.AllowsIndividualEndorsements, c.Delivery ?? new DeliverySettings());
}
