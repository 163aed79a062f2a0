using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>
/// The public reads partners' pages poll: from the summary and memory, never from the signatures.
/// A draft campaign is not public yet: it reads as unknown.
/// </summary>
public sealed class PublicCampaignFunctions(CampaignReads reads)
{
    [Function(nameof(GetCampaign))]
    public Task<IActionResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns/{slug}")] HttpRequest request, string slug) =>
        ReadAsync(request, slug, view => PublicJson.For(request, CampaignDetail.From(view, HttpAnswers.LanguageOf(request)), variesByLanguage: true));

    [Function(nameof(GetCampaignCount))]
    public Task<IActionResult> GetCampaignCount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns/{slug}/count")] HttpRequest request, string slug) =>
        ReadAsync(request, slug, view => PublicJson.For(request, CampaignCount.From(view, request.Query["source"])));

    /// <summary>The answer for a public campaign, 404 for an unknown or draft one, 503 when storage is down and nothing is cached.</summary>
    private Task<IActionResult> ReadAsync(HttpRequest request, string slug, Func<CampaignView, IActionResult> answer) =>
        PublicJson.ReadAsync(request,
            async () => await reads.FindAsync(slug) is { Campaign.State: not CampaignState.Draft } view ? view : null,
            answer, ProblemKind.CampaignNotFound);
}

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
    CaptchaSettings? Captcha = null)
{
    public static CampaignDetail From(CampaignView view, Language language)
    {
        var (c, s) = (view.Campaign, view.Summary);
        return new CampaignDetail(c.Slug, c.Kind, language.Code(), c.Title.In(language), c.Description.In(language),
            c.CallToAction.In(language), new PublicTarget(c.Target.Name, c.Target.Title), s.Goal, s.Count, c.State, c.Deadline,
            s.GoalReachedAt, s.UpdatedAt, c.Captcha);
    }
}

/// <summary>The count and goal alone; with <c>?source=</c>, a partner's own count beside the total.</summary>
public sealed record CampaignCount(int Count, int Goal, string? Source = null, int? SourceCount = null)
{
    /// <summary>A partner asks with the code it sends (<c>email/2026-05 blast:es</c>) and gets the count of the code it is stored under.</summary>
    public static CampaignCount From(CampaignView view, string? source) =>
        SourceCodes.Normalize(source) is not { } code
            ? new CampaignCount(view.Summary.Count, view.Summary.Goal)
            : new CampaignCount(view.Summary.Count, view.Summary.Goal, code, view.Summary.Breakdowns.Source.GetValueOrDefault(code));
}
