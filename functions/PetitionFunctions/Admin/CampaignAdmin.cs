using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

public abstract record CampaignAdminOutcome
{
    /// <summary>The campaign as stored now; Created for a new one (201).</summary>
    public sealed record Saved(Campaign Campaign, bool Created = false) : CampaignAdminOutcome;

    public sealed record Refused(ProblemKind Problem, FieldErrors? Errors = null) : CampaignAdminOutcome, IRefusal;
}

/// <summary>
/// Creating, changing, opening and closing campaigns. Writes after a read are last-writer-wins: two
/// admins editing one campaign at the same moment is rare, and the later full document is what stays.
/// </summary>
public sealed class CampaignAdmin(CampaignTable campaigns, TimeProvider time, ILogger<CampaignAdmin> log)
{
    public Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken) => campaigns.ListAsync(cancellationToken);

    public Task<Campaign?> FindAsync(string slug, CancellationToken cancellationToken) => campaigns.FindAsync(slug, cancellationToken);

    /// <summary>A new campaign: a draft unless the document asks for open and is complete enough to be.</summary>
    public async Task<CampaignAdminOutcome> CreateAsync(string json, string actor, CancellationToken cancellationToken)
    {
        var (input, unreadable) = Read(json);
        if (input is null) return unreadable!;
        var (campaign, errors) = CampaignRules.Validate(input, time.GetUtcNow());
        if (campaign is null) return new CampaignAdminOutcome.Refused(ProblemKind.InvalidFields, errors);
        if (!await campaigns.TryAddAsync(campaign, cancellationToken)) return new CampaignAdminOutcome.Refused(ProblemKind.CampaignExists);
        log.LogInformation("Campaign {Campaign} created ({State}) by {Actor}.", campaign.Slug, campaign.State, actor);
        return new CampaignAdminOutcome.Saved(campaign, Created: true);
    }

    /// <summary>Replaces a campaign with a full document. Its slug cannot change; its state stays unless the document names one.</summary>
    public async Task<CampaignAdminOutcome> UpdateAsync(string slug, string json, string actor, CancellationToken cancellationToken) =>
        await campaigns.FindAsync(slug, cancellationToken) is { } existing
            ? await ReplaceAsync(existing, json, actor, cancellationToken)
            : new CampaignAdminOutcome.Refused(ProblemKind.CampaignNotFound);

    /// <summary>
    /// Changes only what a JSON merge patch (RFC 7396) names: the patch is applied to the stored campaign's
    /// document (what GET shows) and the result is checked and saved as a PUT of it would be, so a field
    /// error names the field as in a PUT. Null removes a setting; a required one is then refused.
    /// </summary>
    public async Task<CampaignAdminOutcome> PatchAsync(string slug, string patchJson, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is not { } existing) return new CampaignAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchJson);
        }
        catch (JsonException)
        {
            return BodyRefused(ProblemKind.MalformedBody, FieldMessages.MalformedJson);
        }
        if (patch is not JsonObject) return BodyRefused(ProblemKind.InvalidFields, FieldMessages.NotAnObject);
        var document = JsonSerializer.SerializeToNode(CampaignDocument.From(existing), ApiJson.Options);
        return await ReplaceAsync(existing, JsonMergePatch.Apply(document, patch)!.ToJsonString(), actor, cancellationToken);
    }

    private static CampaignAdminOutcome.Refused BodyRefused(ProblemKind problem, LocalizedText message)
    {
        var errors = new FieldErrors();
        errors.Add("body", message);
        return new CampaignAdminOutcome.Refused(problem, errors);
    }

    private async Task<CampaignAdminOutcome> ReplaceAsync(Campaign existing, string json, string actor, CancellationToken cancellationToken)
    {
        var (input, unreadable) = Read(json);
        if (input is null) return unreadable!;
        var (campaign, errors) = CampaignRules.Validate(input, time.GetUtcNow(), existing);
        if (campaign is null) return new CampaignAdminOutcome.Refused(ProblemKind.InvalidFields, errors);
        await campaigns.SaveAsync(campaign, cancellationToken);
        log.LogInformation("Campaign {Campaign} updated ({State}) by {Actor}.", campaign.Slug, campaign.State, actor);
        return new CampaignAdminOutcome.Saved(campaign);
    }

    /// <summary>Opens a campaign once both languages are complete and any deadline is ahead. Opening an open one changes nothing.</summary>
    public async Task<CampaignAdminOutcome> OpenAsync(string slug, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is not { } campaign) return new CampaignAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        if (campaign.State == CampaignState.Open) return new CampaignAdminOutcome.Saved(campaign);
        var problems = CampaignRules.OpeningProblems(campaign, time.GetUtcNow());
        if (!problems.IsEmpty) return new CampaignAdminOutcome.Refused(ProblemKind.InvalidFields, problems);
        var opened = campaign.ChangeTo(campaign with { State = CampaignState.Open }, time.GetUtcNow());
        await campaigns.SaveAsync(opened, cancellationToken);
        log.LogInformation("Campaign {Campaign} opened by {Actor}.", slug, actor);
        return new CampaignAdminOutcome.Saved(opened);
    }

    /// <summary>Closes a campaign: it takes no more signatures. Closing a closed one changes nothing.</summary>
    public async Task<CampaignAdminOutcome> CloseAsync(string slug, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is not { } campaign) return new CampaignAdminOutcome.Refused(ProblemKind.CampaignNotFound);
        if (campaign.State == CampaignState.Closed) return new CampaignAdminOutcome.Saved(campaign);
        var closed = campaign with { State = CampaignState.Closed };
        await campaigns.SaveAsync(closed, cancellationToken);
        log.LogInformation("Campaign {Campaign} closed by {Actor}.", slug, actor);
        return new CampaignAdminOutcome.Saved(closed);
    }

    private static (CampaignInput? Input, CampaignAdminOutcome.Refused? Refused) Read(string json)
    {
        var parsed = CampaignRules.Parse(json);
        if (parsed.Input is { } input) return (input, null);
        return (null, new CampaignAdminOutcome.Refused(parsed.Malformed ? ProblemKind.MalformedBody : ProblemKind.InvalidFields, parsed.Errors));
    }
}
