namespace PetitionFunctions.Partners;

/// <summary>
/// A key a partner's server uses in the <c>OSDI-API-Token</c> header, for one campaign. Only a SHA-256 of
/// its secret is stored: the key itself is shown once, when it is issued.
/// </summary>
public sealed record PartnerKey(
    string Campaign,
    string Id,
    string Partner,
    PartnerScopes Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string CreatedBy,
    string SecretHash)
{
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
