using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PetitionFunctions.Common;

namespace PetitionFunctions.Signatures;

/// <summary>
/// A person's dedupe key: HMAC-SHA256 of their canonical email under a secret key. Keyed, so nobody
/// holding the table can test a list of addresses against it; the same for every campaign, so one
/// person's rows can be found everywhere (for erasure) from their address alone.
/// </summary>
public sealed partial class DedupeKeys(IOptions<PetitionSecrets> secrets)
{
    /// <summary>A campaign's signatures are spread over this many partitions by the key's first hex digit.</summary>
    public const int Partitions = 16;

    private readonly byte[] _key = secrets.Value.DedupeKeyBytes();

    public string For(string canonicalEmail) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonicalEmail)));

    /// <summary>
    /// The key of a phone number in its <see cref="PhoneNumbers.Canonical"/> form, for finding a person's
    /// rows where a phone is all they gave. Prefixed so it can never equal an address's key.
    /// </summary>
    public string ForPhone(string canonicalPhone) => For("phone:" + canonicalPhone);

    /// <summary>
    /// The key of a second, third or fourth person signing from one address (a household): the address's
    /// key, a dot, and 16 hex digits keyed on the address and the name. The same name always gives the same
    /// key, so a repeat still meets its own row; the prefix keeps the household in one partition, together.
    /// </summary>
    public string ForHouseholdMember(string canonicalEmail, string canonicalName) =>
        For(canonicalEmail) + HouseholdSeparator + For("household:" + canonicalEmail + "\n" + canonicalName)[..16];

    /// <summary>
    /// The key a story's writer is found by for erasure, from their address's or phone's key: bound to that
    /// purpose, so no story carries a value that also names a signature, and only the secret links the two.
    /// </summary>
    public string ForStoryWriter(string personKey) => For("story-writer:" + personKey);

    public const char HouseholdSeparator = '.';

    /// <summary>A signature's key: an address's 64 hex digits, or a household member's (<see cref="ForHouseholdMember"/>).</summary>
    public static bool IsSignatureKey(string? key) => key is not null && SignatureKeyPattern().IsMatch(key);

    [GeneratedRegex(@"^[0-9a-f]{64}(\.[0-9a-f]{16})?$")]
    private static partial Regex SignatureKeyPattern();

    public static string PartitionOf(string campaignSlug, string dedupeKey) => $"{campaignSlug}:{dedupeKey[0]}";

    public static IEnumerable<string> PartitionsOf(string campaignSlug) =>
        "0123456789abcdef".Select(digit => $"{campaignSlug}:{digit}");
}
