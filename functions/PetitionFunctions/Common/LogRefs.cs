using System.Security.Cryptography;
using System.Text;

namespace PetitionFunctions.Common;

/// <summary>
/// How logs name a signer's row, an address hash or any other key derived from a person: 8 hex digits of
/// an HMAC under a key drawn at random when the process starts and never stored. One process's lines about
/// one row can be read together, but nobody, even with the dedupe key and a person's email, can compute the
/// reference, and it changes with every restart.
/// </summary>
public static class LogRefs
{
    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(32);

    public static string Of(string key) => Convert.ToHexStringLower(HMACSHA256.HashData(ProcessKey, Encoding.UTF8.GetBytes(key)))[..8];
}
