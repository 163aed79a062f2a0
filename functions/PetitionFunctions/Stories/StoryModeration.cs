using System.Text.Json;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

public abstract record ModerationOutcome
{
    public sealed record Done(object? Body) : ModerationOutcome;

    public sealed record Refused(ProblemKind Problem, FieldErrors? Errors = null) : ModerationOutcome, IRefusal;
}

/// <summary>
/// What admins with the Petitions.Stories role do with stories: list, read (decrypting on demand,
/// each read logged with the admin's object id and the story id, never its content), write a redacted
/// version, approve it within the writer's consent, delete it. Storage failures propagate as 503.
/// </summary>
public sealed class StoryModeration(
    CampaignTable campaigns,
    StoryTable stories,
    StoryReads reads,
    PersonalDataCipher cipher,
    TimeProvider time,
    ILogger<StoryModeration> log)
{
    public const int PageSize = 50;

    public async Task<ModerationOutcome> ListAsync(string slug, int page, bool decrypt, string actor, CancellationToken cancellationToken)
    {
        if (await StoriesCampaignAsync(slug, cancellationToken) is { } refused) return refused;
        var all = new List<StoredStory>();
        await foreach (var story in stories.ListAsync(slug, cancellationToken)) all.Add(story);
        var slice = all.OrderByDescending(s => s.ReceivedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var items = new List<AdminStory>();
        foreach (var story in slice)
        {
            // The list query reads no ciphertext; decrypting a page reads each story in full.
            var full = decrypt ? await stories.FindAsync(slug, story.Id, cancellationToken) : null;
            items.Add(ToAdmin(full ?? story, full is null ? null : Decrypt(full)));
        }
        if (decrypt && items.Count > 0)
            log.LogInformation("Admin {Actor} read {Count} decrypted stories on {Campaign} (page {Page}).", actor, items.Count, slug, page);
        return new ModerationOutcome.Done(new AdminStoryPage(slug, page, PageSize, all.Count, items));
    }

    public async Task<ModerationOutcome> ReadAsync(string slug, string id, string actor, CancellationToken cancellationToken)
    {
        if (await StoriesCampaignAsync(slug, cancellationToken) is { } refused) return refused;
        if (await stories.FindAsync(slug, id, cancellationToken) is not { } story) return new ModerationOutcome.Refused(ProblemKind.StoryNotFound);
        log.LogInformation("Admin {Actor} read story {Story} on {Campaign}.", actor, story.Id, slug);
        return new ModerationOutcome.Done(ToAdmin(story, Decrypt(story)));
    }

    /// <summary>Writes the redacted version (either language or both). It replaces the last one and withdraws any approval.</summary>
    public async Task<ModerationOutcome> RedactAsync(string slug, string id, string json, string actor, CancellationToken cancellationToken)
    {
        if (await StoriesCampaignAsync(slug, cancellationToken) is { } refused) return refused;
        var errors = new FieldErrors();
        if (ReadObject(json, ["en", "es"], errors) is not { } fields)
            return new ModerationOutcome.Refused(ProblemKind.MalformedBody, errors);
        var (en, es) = StoryRules.ValidateRedaction(Text(fields, "en", errors), Text(fields, "es", errors), errors);
        if (!errors.IsEmpty) return new ModerationOutcome.Refused(ProblemKind.InvalidFields, errors);

        var written = await stories.RedactAsync(slug, id,
            en is null ? null : StoryFields.Protect(cipher, slug, id, StoryFields.RedactedEn, en),
            es is null ? null : StoryFields.Protect(cipher, slug, id, StoryFields.RedactedEs, es),
            time.GetUtcNow(), actor, cancellationToken);
        if (!written) return new ModerationOutcome.Refused(ProblemKind.StoryNotFound);
        reads.Forget(slug);
        log.LogInformation("Admin {Actor} wrote a redacted version of story {Story} on {Campaign}; any approval was withdrawn.", actor, id, slug);
        return await ReadAsync(slug, id, actor, cancellationToken);
    }

    /// <summary>Sets whether the redacted story is published and included in deliveries, within the writer's consent.</summary>
    public async Task<ModerationOutcome> ApproveAsync(string slug, string id, string json, string actor, CancellationToken cancellationToken)
    {
        if (await StoriesCampaignAsync(slug, cancellationToken) is { } refused) return refused;
        var errors = new FieldErrors();
        if (ReadObject(json, ["publish", "include_in_delivery"], errors) is not { } fields)
            return new ModerationOutcome.Refused(ProblemKind.MalformedBody, errors);
        var publish = Flag(fields, "publish", errors);
        var deliver = Flag(fields, "include_in_delivery", errors);
        if (!errors.IsEmpty) return new ModerationOutcome.Refused(ProblemKind.InvalidFields, errors);

        FieldErrors? refusal = null;
        var written = await stories.ApproveAsync(slug, id, publish, deliver, time.GetUtcNow(), actor, story =>
        {
            refusal = StoryRules.CheckApproval(story.Consent, story.Redacted, publish, deliver);
            return refusal.IsEmpty;
        }, cancellationToken);
        if (refusal is { IsEmpty: false }) return new ModerationOutcome.Refused(ProblemKind.InvalidFields, refusal);
        if (!written) return new ModerationOutcome.Refused(ProblemKind.StoryNotFound);
        reads.Forget(slug);
        log.LogInformation("Admin {Actor} set story {Story} on {Campaign}: publish {Publish}, include in delivery {Deliver}.",
            actor, id, slug, publish, deliver);
        return await ReadAsync(slug, id, actor, cancellationToken);
    }

    /// <summary>Deletes the story and its outbox row for good.</summary>
    public async Task<ModerationOutcome> DeleteAsync(string slug, string id, string actor, CancellationToken cancellationToken)
    {
        if (await StoriesCampaignAsync(slug, cancellationToken) is { } refused) return refused;
        if (!await stories.DeleteAsync(slug, id, cancellationToken)) return new ModerationOutcome.Refused(ProblemKind.StoryNotFound);
        reads.Forget(slug);
        log.LogInformation("Admin {Actor} deleted story {Story} on {Campaign}.", actor, id, slug);
        return new ModerationOutcome.Done(null);
    }

    private async Task<ModerationOutcome.Refused?> StoriesCampaignAsync(string slug, CancellationToken cancellationToken) =>
        await campaigns.FindAsync(slug, cancellationToken) switch
        {
            null => new ModerationOutcome.Refused(ProblemKind.CampaignNotFound),
            { Kind: not CampaignKind.Stories } => new ModerationOutcome.Refused(ProblemKind.NotAStoryCampaign),
            _ => null,
        };

    private AdminStoryText Decrypt(StoredStory story) => new(
        StoryFields.Unprotect(cipher, story, StoryFields.Text) ?? "",
        StoryFields.Unprotect(cipher, story, StoryFields.Name),
        StoryFields.Unprotect(cipher, story, StoryFields.Contact),
        StoryFields.Unprotect(cipher, story, StoryFields.CountyOrCity),
        StoryFields.Unprotect(cipher, story, StoryFields.RedactedEn),
        StoryFields.Unprotect(cipher, story, StoryFields.RedactedEs));

    private static AdminStory ToAdmin(StoredStory s, AdminStoryText? text) => new(
        s.Id, s.Language.Code(), s.Consent.Code(), s.MayContact, s.HasName, s.ContactKind, s.ReceivedAt, s.Redacted, s.RedactedAt,
        s.Published, s.PublishedAt, s.IncludeInDelivery, StoryRules.AllowsPublishing(s.Consent), StoryRules.AllowsDelivery(s.Consent),
        s.WantsEmail, s.EmailSent, s.EmailFailure, text, s.Flag);

    /// <summary>A JSON object whose fields are all among <paramref name="known"/> (a typo is an error, not a silent no-op).</summary>
    private static Dictionary<string, JsonElement>? ReadObject(string json, string[] known, FieldErrors errors)
    {
        using var document = JsonBody.Parse(json, maxDepth: 8);
        if (document is null)
        {
            errors.Add("body", FieldMessages.MalformedJson);
            return null;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", FieldMessages.NotAnObject);
            return null;
        }
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!known.Contains(property.Name)) errors.Add(property.Name, StoryMessages.UnknownField);
            else fields[property.Name] = property.Value.Clone();
        }
        return fields;
    }

    private static string? Text(Dictionary<string, JsonElement> fields, string name, FieldErrors errors)
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(name, FieldMessages.NotText);
        return null;
    }

    private static bool Flag(Dictionary<string, JsonElement> fields, string name, FieldErrors errors)
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null) return false;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        errors.Add(name, StoryMessages.NotAYesNo);
        return false;
    }
}
