using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

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
    Coalition? Coalition,
    LocalizedText? LetterText,
    IReadOnlyList<RateLimitRule>? RateLimits,
    bool IntakePaused,
    CaptchaSettings? Captcha,
    bool AllowsIndividualEndorsements,
    DeliverySettings Delivery)
{
    public static CampaignDocument From(Campaign c) =>
        new(c.Slug, c.Kind, c.State, c.Title, c.Description, c.CallToAction, c.Target, c.Goal, c.StretchGoals, c.Deadline,
            c.AllowedOrigins, c.ReturnUrls, c.OwnerEmail, c.Coalition, c.LetterText, c.RateLimits, c.IntakePaused, c.Captcha,
            c.AllowsIndividualEndorsements, c.Delivery ?? new DeliverySettings());
}
