using Microsoft.Extensions.Logging;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Signatures;
using PetitionFunctions.Stories;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>What an erasure found and removed, by kind: counts only, nothing about the person.</summary>
/// <param name="OrganizationSigners">Organisations' endorsements kept, with this person removed as their signer (or their pending change dropped).</param>
public sealed record ErasureSummary(int CampaignsChecked, int Signatures, int CountedSignatures, int Endorsements, int Stories, int OrganizationSigners);

public abstract record ErasureOutcome
{
    public sealed record Erased(ErasureSummary Summary) : ErasureOutcome;

    public sealed record Refused(ProblemKind Problem, FieldErrors? Errors = null) : ErasureOutcome, IRefusal;
}

/// <summary>
/// Erases one person everywhere, from their email address, their phone number or both. The person is
/// found only through keyed hashes (the HMAC of the canonical address, as every intake computes it, and
/// of the canonical phone number), never by decrypting or scanning anything: in every campaign, the
/// signature row with the address's key is withdrawn (personal details gone, a -1 journal row if it was
/// counted, its owed email dropped), an individual endorsement "person-{key}" is deleted with its pending
/// change, an organisation's endorsement signed by them keeps the organisation but loses the signer's
/// details, and the stories whose writer gave that address or number are deleted. Idempotent: running it
/// again finds nothing more to erase. Logs name the admin, key prefixes and the counts, never the address
/// or the number.
/// </summary>
public sealed class PersonErasure(
    CampaignTable campaigns,
    SignatureTable signatures,
    EndorsementTable endorsements,
    EndorsementReads endorsementReads,
    StoryTable stories,
    StoryReads storyReads,
    DedupeKeys dedupeKeys,
    MailboxAllowance mailboxes,
    TimeProvider time,
    ILogger<PersonErasure> log)
{
    public async Task<ErasureOutcome> EraseAsync(string json, string actor, CancellationToken cancellationToken)
    {
        var (request, errors) = Parse(json);
        if (request is null) return new ErasureOutcome.Refused(errors.Has("body") ? ProblemKind.MalformedBody : ProblemKind.InvalidFields, errors);
        var emailKey = request.Email is { } address ? dedupeKeys.For(EmailAddresses.Canonical(address)) : null;
        var phoneKey = request.Phone is { } phone ? dedupeKeys.ForPhone(PhoneNumbers.Canonical(phone)) : null;
        var person = string.Join("/", new[] { emailKey, phoneKey }.OfType<string>().Select(LogRefs.Of));
        try
        {
            var summary = await EraseKeysAsync(emailKey, phoneKey, cancellationToken);
            if (request.Email is { } erased) await mailboxes.ForgetAsync(erased, cancellationToken);
            log.LogWarning("Admin {Actor} erased person {Person}: {Signatures} signatures ({Counted} counted), {Endorsements} endorsements, " +
                           "{OrganizationSigners} organisation signers, {Stories} stories, over {Campaigns} campaigns.",
                actor, person, summary.Signatures, summary.CountedSignatures, summary.Endorsements, summary.OrganizationSigners, summary.Stories,
                summary.CampaignsChecked);
            return new ErasureOutcome.Erased(summary);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while erasing person {Person} ({Failure}); the erasure can be run again.", person, e.GetType().Name);
            return new ErasureOutcome.Refused(ProblemKind.StorageUnavailable);
        }
    }

    /// <summary>The body <c>{"email": "...", "phone": "..."}</c> (either or both): the request, or the errors per field.</summary>
    public static (ErasureRequest? Request, FieldErrors Errors) Parse(string json)
    {
        var errors = new FieldErrors();
        using var document = JsonBody.ParseObject(json, errors);
        if (document is null) return (null, errors);
        var email = TextFields.Tidy(JsonBody.Text(document.RootElement, "email", "email", errors));
        var phone = TextFields.Tidy(JsonBody.Text(document.RootElement, "phone", "phone", errors));
        if (email is not null && (email.Length > EmailAddresses.MaxLength || !EmailAddresses.IsValid(email))) errors.Add("email", FieldMessages.InvalidEmail);
        if (phone is not null && !PhoneNumbers.IsValid(phone)) errors.Add("phone", AdminMessages.InvalidPhone);
        if (email is null && phone is null && errors.IsEmpty)
        {
            errors.Add("email", AdminMessages.EmailOrPhoneRequired);
            errors.Add("phone", AdminMessages.EmailOrPhoneRequired);
        }
        return errors.IsEmpty ? (new ErasureRequest(email, phone), errors) : (null, errors);
    }

    private async Task<ErasureSummary> EraseKeysAsync(string? emailKey, string? phoneKey, CancellationToken cancellationToken)
    {
        int checkedCampaigns = 0, signatureCount = 0, counted = 0, endorsementCount = 0, storyCount = 0, signerCount = 0;
        var personKeys = new[] { emailKey, phoneKey }.OfType<string>().ToList();
        // Stories stored before writers had their own key carry the person's key itself.
        var contactKeys = personKeys.Select(dedupeKeys.ForStoryWriter).Concat(personKeys).ToList();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            checkedCampaigns++;
            // Signatures are keyed by the address, and a household's by the address and a name: the mailbox's
            // owner asks, so every signature made from the address goes (docs/decisions.md, "Households share an address").
            foreach (var signature in emailKey is null ? [] : await signatures.HouseholdAsync(campaign.Slug, emailKey, cancellationToken))
            {
                if (await signatures.WithdrawAsync(campaign.Slug, signature.Key, time.GetUtcNow(), WithdrawnBy.Erasure, cancellationToken) is not { Changed: true } withdrawal)
                    continue;
                signatureCount++;
                if (withdrawal.WasCounted) counted++;
            }
            if (campaign.Kind == CampaignKind.Letter)
            {
                if (emailKey is not null && await endorsements.DeleteIndividualAsync(campaign.Slug, emailKey, cancellationToken))
                {
                    endorsementCount++;
                    endorsementReads.Forget(campaign.Slug);
                }
                signerCount += (await endorsements.EraseSignerAsync(campaign.Slug, emailKey, phoneKey, cancellationToken)).Count;
            }
            if (campaign.Kind == CampaignKind.Stories)
            {
                var ids = new List<string>();
                await foreach (var id in stories.IdsByContactKeyAsync(campaign.Slug, contactKeys, cancellationToken)) ids.Add(id);
                foreach (var id in ids)
                    if (await stories.DeleteAsync(campaign.Slug, id, cancellationToken)) storyCount++;
                if (ids.Count > 0) storyReads.Forget(campaign.Slug);
            }
        }
        return new ErasureSummary(checkedCampaigns, signatureCount, counted, endorsementCount, storyCount, signerCount);
    }
}
