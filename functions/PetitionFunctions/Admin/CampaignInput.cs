using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

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

    /// <summary>Who sends the packets (name, reply-to, contact line); absent or null: none, as for the owner email.</summary>
    public CoalitionInput? Coalition { get; init; }
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
            "allows_individual_endorsements", "delivery", "coalition"],
        ["coalition"] = ["name", "reply_to", "contact"],
        ["captcha"] = ["provider", "site_key"],
        ["delivery"] = ["on_goal_reached", "every", "weekly_day", "weekly_hour_utc", "at_close"],
        ["title"] = ["en", "es"],
        ["description"] = ["en", "es"],
        ["call_to_action"] = ["en", "es"],
        ["letter_text"] = ["en", "es"],
        ["target"] = ["name", "title", "delivery_email"],
    };
}
