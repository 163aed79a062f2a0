using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PetitionFunctions.Common;

namespace PetitionFunctions.Confirmation;

/// <summary>What a link token names, once its signature checked out.</summary>
/// <param name="Generation">Which signature under this key the link was issued for (<see cref="StoredSignature.Generation"/>), where it says.</param>
public sealed record LinkClaims(string Campaign, string SignatureKey, DateTimeOffset ExpiresAt, long? Generation);

/// <summary>
/// Signed, stateless link tokens: "{payload}.{mac}", both base64url, where the payload is
/// "{campaign}/{signature key}/{expiry, unix seconds}" (and "/{generation}" for a signature's links) and the MAC is HMAC-SHA256 under
/// Petitions:LinkKey over the purpose and the payload. The purpose ("confirm", "withdraw"...) keeps
/// a token of one kind from working as another. Nothing is encrypted: the payload holds no personal data.
/// </summary>
public sealed class LinkTokens(IOptions<PetitionSecrets> secrets, TimeProvider time)
{
    public const string ConfirmPurpose = "confirm";
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(30);

    /// <summary>A signature's withdraw link: a confirm token cannot withdraw, nor a withdraw token confirm.</summary>
    public const string WithdrawPurpose = "withdraw";

    /// <summary>
    /// How long a withdraw link works. A link that works for ever is a lasting risk in an old mailbox; the
    /// signer can still withdraw through a newer email's link or by asking the organisers (an erasure).
    /// </summary>
    public static readonly TimeSpan WithdrawLifetime = TimeSpan.FromDays(365);

    private readonly byte[] _key = secrets.Value.LinkKeyBytes();

    public string Create(string purpose, string campaign, string signatureKey, TimeSpan lifetime, long? generation = null)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes($"{campaign}/{signatureKey}/{expires}" + (generation is { } g ? $"/{g}" : ""));
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(Mac(purpose, payload));
    }

    /// <summary>The claims of a genuine token, expired or not; null for anything altered or malformed.</summary>
    public LinkClaims? Read(string purpose, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        byte[] payload, mac;
        try
        {
            payload = WebEncoders.Base64UrlDecode(token[..dot]);
            mac = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(purpose, payload))) return null;

        var parts = Encoding.UTF8.GetString(payload).Split('/');
        if (parts.Length is not (3 or 4) || !long.TryParse(parts[2], out var expires)) return null;
        long? generation = null;
        if (parts.Length == 4)
        {
            if (!long.TryParse(parts[3], out var g)) return null;
            generation = g;
        }
        return new LinkClaims(parts[0], parts[1], DateTimeOffset.FromUnixTimeSeconds(expires), generation);
    }

    public bool HasExpired(LinkClaims claims) => time.GetUtcNow() >= claims.ExpiresAt;

    private byte[] Mac(string purpose, byte[] payload) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n").Concat(payload).ToArray());
}
