using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Partners;

/// <summary>What checking a partner key came to.</summary>
public abstract record PartnerAccess
{
    public sealed record Granted(PartnerKey Key) : PartnerAccess;

    public sealed record Refused(ProblemKind Problem) : PartnerAccess;
}

/// <summary>A key issued: the key itself, shown this once, and what it allows.</summary>
public sealed record IssuedPartnerKey(PartnerKey Key, string Token);

/// <summary>
/// Partner keys: issued, listed and revoked by admins (the admin API, Entra ID), checked on every partner
/// request. A wrong, unknown, revoked or expired key, or one of another campaign, is one answer (401), so a
/// caller learns nothing about which keys exist; a valid key used beyond its scope is 403. Every use and every
/// refusal is logged with the key's id, never the key.
/// </summary>
public sealed class PartnerKeys(PartnerKeyTable table, CampaignTable campaigns, TimeProvider time, ILogger<PartnerKeys> log)
{
    public async Task<IssuedPartnerKey?> IssueAsync(string campaign, PartnerKeyRequest request, string actor, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(campaign, cancellationToken) is null) return null;
        var (id, secret, token) = PartnerTokens.New();
        var now = time.GetUtcNow();
        var key = new PartnerKey(campaign, id, request.Partner, request.Scopes, now, now.AddDays(request.ExpiresInDays), actor, PartnerTokens.HashOf(secret));
        await table.AddAsync(key, cancellationToken);
        log.LogInformation("Admin {Actor} issued partner key {KeyId} for {Partner} on {Campaign} ({Scopes}, until {ExpiresAt:u}).",
            actor, id, request.Partner, campaign, request.Scopes, key.ExpiresAt);
        return new IssuedPartnerKey(key, token);
    }

    public Task<List<PartnerKey>> ListAsync(string campaign, CancellationToken cancellationToken) => table.ListAsync(campaign, cancellationToken);

    public async Task<bool> RevokeAsync(string campaign, string id, string actor, CancellationToken cancellationToken)
    {
        if (!PartnerTokens.IsId(id) || !await table.RevokeAsync(campaign, id, time.GetUtcNow(), cancellationToken)) return false;
        log.LogInformation("Admin {Actor} revoked partner key {KeyId} on {Campaign}.", actor, id, campaign);
        return true;
    }

    /// <summary>Whether the token (the header's value) allows <paramref name="needed"/> on the campaign.</summary>
    public async Task<PartnerAccess> CheckAsync(string? token, string campaign, PartnerScopes needed, CancellationToken cancellationToken)
    {
        if (PartnerTokens.Read(token) is not var (id, secret) || secret is null)
        {
            log.LogWarning("A partner request on {Campaign} came without a readable partner key.", campaign);
            return new PartnerAccess.Refused(ProblemKind.PartnerKeyRequired);
        }
        // Keys are looked up on the campaign asked for only: another campaign's key is as unknown here as a made-up one.
        var key = await table.FindAsync(campaign, id, cancellationToken);
        if (key is null || !PartnerTokens.Matches(secret, key.SecretHash) || !key.IsUsableAt(time.GetUtcNow()))
        {
            log.LogWarning("Partner key {KeyId} was refused on {Campaign}: unknown, wrong, revoked or expired.", id, campaign);
            return new PartnerAccess.Refused(ProblemKind.PartnerKeyRequired);
        }
        if (!key.Scopes.HasFlag(needed))
        {
            log.LogWarning("Partner key {KeyId} ({Partner}) was refused on {Campaign}: it allows {Scopes}, not {Needed}.",
                id, key.Partner, campaign, key.Scopes, needed);
            return new PartnerAccess.Refused(ProblemKind.PartnerKeyNotAllowed);
        }
        log.LogInformation("Partner key {KeyId} ({Partner}) used to {Use} on {Campaign}.", id, key.Partner, needed, campaign);
        return new PartnerAccess.Granted(key);
    }
}
