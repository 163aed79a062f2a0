using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace PetitionFunctions.Partners;

/// <summary>
/// The form of a partner key: <c>pf_{id}_{secret}</c>, where the id (12 hex digits) names the key in logs
/// and in the admin API, and the secret is 32 random bytes in base64url. Only <see cref="HashOf"/> the
/// secret is stored.
/// </summary>
public static partial class PartnerTokens
{
    public const string Header = "OSDI-API-Token";

    public static (string Id, string Secret, string Token) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (id, secret, $"pf_{id}_{secret}");
    }

    /// <summary>The id and secret of a token, or null when it does not have the form of one.</summary>
    public static (string Id, string Secret)? Read(string? token)
    {
        var match = token is null ? Match.Empty : TokenPattern().Match(token.Trim());
        return match.Success ? (match.Groups["id"].Value, match.Groups["secret"].Value) : null;
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(secret)), Encoding.ASCII.GetBytes(storedHash));

    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^pf_(?<id>[0-9a-f]{12})_(?<secret>[A-Za-z0-9_-]{43})$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex IdPattern();
}
