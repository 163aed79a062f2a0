using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>
/// Keyed hashes of where a signature came from (the client's address, the email's domain), for rate
/// limits and trends. HMAC-SHA256 under the dedupe key with a purpose prefix, so they match nothing
/// else, and nobody holding the tables can test a list of addresses or domains against them. Neither
/// an address nor a domain is ever stored or logged in clear.
/// </summary>
public sealed class SenderHashes(IOptions<PetitionSecrets> secrets)
{
    private readonly byte[] _key = secrets.Value.DedupeKeyBytes();

    public string ForAddress(IPAddress address) => Hash("ip:" + ClientAddress.Normalize(address));

    /// <summary>The domain of an email address, lower-cased (the part after the last '@').</summary>
    public string ForEmailDomain(string email) => Hash("domain:" + DomainOf(email));

    public static string DomainOf(string email) => email[(email.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();

    // 128 bits is plenty to tell senders apart and keeps partition and row keys short.
    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)))[..32];
}
