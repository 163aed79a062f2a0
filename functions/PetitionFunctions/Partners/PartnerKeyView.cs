namespace PetitionFunctions.Partners;

/// <summary>A partner key as the admin API shows it: never its secret (the key itself only in <see cref="Key"/>, once, when issued).</summary>
public sealed record PartnerKeyView(
    string Id,
    string Partner,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string CreatedBy,
    string? Key = null)
{
    public static PartnerKeyView Of(PartnerKey key, string? token = null) => new(
        key.Id,
        key.Partner,
        [.. key.Scopes.HasFlag(PartnerScopes.Sign) ? ["sign"] : Array.Empty<string>(), .. key.Scopes.HasFlag(PartnerScopes.Read) ? ["read"] : Array.Empty<string>()],
        key.CreatedAt,
        key.ExpiresAt,
        key.RevokedAt,
        key.CreatedBy,
        token);
}
