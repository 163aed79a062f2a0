using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Intake;
using PetitionFunctions.Stories;

namespace PetitionFunctions.Admin;

/// <summary>What an erasure found and removed, by kind: counts only, nothing about the person.</summary>
public sealed record ErasureSummary(int CampaignsChecked, int Signatures, int CountedSignatures, int Endorsements, int Stories);

public abstract record ErasureOutcome
{
    public sealed record Erased(ErasureSummary Summary) : ErasureOutcome;

    public sealed record Refused(ProblemKind Problem, FieldErrors? Errors = null) : ErasureOutcome;
}

/// <summary>
/// Erases one person everywhere, from their email address alone. The person is found only through
/// their dedupe key (the HMAC of the canonical address, as every intake computes it), never by
/// decrypting or scanning anything: in every campaign, the signature row with that key is withdrawn
/// (personal details gone, a -1 journal row if it was counted, its owed email dropped), an individual
/// endorsement "person-{key}" is deleted with its pending change, and the stories whose writer gave
/// that address are deleted. Idempotent: running it again finds nothing more to erase. Logs name the
/// admin, a key prefix and the counts, never the address.
/// </summary>
public sealed class PersonErasure(
    CampaignTable campaigns,
    SignatureTable signatures,
    EndorsementTable endorsements,
    EndorsementReads endorsementReads,
    StoryTable stories,
    StoryReads storyReads,
    DedupeKeys dedupeKeys,
    TimeProvider time,
    ILogger<PersonErasure> log)
{
    public async Task<ErasureOutcome> EraseAsync(string json, string actor, CancellationToken cancellationToken)
    {
        var (address, errors) = Parse(json);
        if (address is null) return new ErasureOutcome.Refused(errors.Has("body") ? ProblemKind.MalformedBody : ProblemKind.InvalidFields, errors);
        var key = dedupeKeys.For(EmailAddresses.Canonical(address));
        try
        {
            var summary = await EraseKeyAsync(key, cancellationToken);
            log.LogWarning("Admin {Actor} erased person {Person}: {Signatures} signatures ({Counted} counted), {Endorsements} endorsements, {Stories} stories, over {Campaigns} campaigns.",
                actor, key[..8], summary.Signatures, summary.CountedSignatures, summary.Endorsements, summary.Stories, summary.CampaignsChecked);
            return new ErasureOutcome.Erased(summary);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while erasing person {Person} ({Failure}); the erasure can be run again.", key[..8], e.GetType().Name);
            return new ErasureOutcome.Refused(ProblemKind.StorageUnavailable);
        }
    }

    /// <summary>The body <c>{"email": "..."}</c>: the address, or the errors per field.</summary>
    public static (string? Email, FieldErrors Errors) Parse(string json)
    {
        var errors = new FieldErrors();
        using var document = JsonBody.ParseObject(json, errors);
        if (document is null) return (null, errors);
        var email = TextFields.Tidy(JsonBody.Text(document.RootElement, "email", "email", errors));
        if (errors.Has("email")) return (null, errors);
        if (email is null) errors.Add("email", FieldMessages.Required);
        else if (email.Length > EmailAddresses.MaxLength || !EmailAddresses.IsValid(email)) errors.Add("email", FieldMessages.InvalidEmail);
        return errors.IsEmpty ? (email, errors) : (null, errors);
    }

    private async Task<ErasureSummary> EraseKeyAsync(string key, CancellationToken cancellationToken)
    {
        int checkedCampaigns = 0, signatureCount = 0, counted = 0, endorsementCount = 0, storyCount = 0;
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            checkedCampaigns++;
            if (await signatures.WithdrawAsync(campaign.Slug, key, time.GetUtcNow(), WithdrawnBy.Erasure, cancellationToken) is { Changed: true } withdrawal)
            {
                signatureCount++;
                if (withdrawal.WasCounted) counted++;
            }
            if (campaign.Kind == CampaignKind.Letter && await endorsements.DeleteIndividualAsync(campaign.Slug, key, cancellationToken))
            {
                endorsementCount++;
                endorsementReads.Forget(campaign.Slug);
            }
            if (campaign.Kind == CampaignKind.Stories)
            {
                var ids = new List<string>();
                await foreach (var id in stories.IdsByContactKeyAsync(campaign.Slug, key, cancellationToken)) ids.Add(id);
                foreach (var id in ids)
                    if (await stories.DeleteAsync(campaign.Slug, id, cancellationToken)) storyCount++;
                if (ids.Count > 0) storyReads.Forget(campaign.Slug);
            }
        }
        return new ErasureSummary(checkedCampaigns, signatureCount, counted, endorsementCount, storyCount);
    }
}
