using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>A campaign in one language, with its count: what a partner page shows.</summary>
public sealed record CampaignDetail(
    string Slug,
    CampaignKind Kind,
    string Language,
    string Title,
    string Description,
    string CallToAction,
    PublicTarget Target,
    int Goal,
    int Count,
    CampaignState State,
    DateTimeOffset? Deadline,
    DateTimeOffset? GoalReachedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? AsOf,
    CaptchaSettings? Captcha = null)
{
    public static CampaignDetail From(CampaignView view, Language language)
    {
        var (c, s) = (view.Campaign, view.Summary);
        return new CampaignDetail(c.Slug, c.Kind, language.Code(), c.Title.In(language), c.Description.In(language),
            c.CallToAction.In(language), new PublicTarget(c.Target.Name, c.Target.Title), s.Goal, s.PublicCount, c.State, c.Deadline,
            s.GoalReachedAt, s.UpdatedAt, s.AsOf, c.Captcha);
    }
}
