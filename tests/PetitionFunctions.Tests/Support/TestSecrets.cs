using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Support;

/// <summary>Freshly generated secrets for unit tests.</summary>
internal static class TestSecrets
{
    public static string NewKey(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static PetitionSecrets Valid(string activeKeyId = "k1") => new()
    {
        DedupeKey = NewKey(),
        LinkKey = NewKey(),
        EncryptionKeys = new Dictionary<string, string> { [activeKeyId] = NewKey() },
        ActiveEncryptionKeyId = activeKeyId,
    };

    public static IOptions<PetitionSecrets> Options(PetitionSecrets secrets) =>
        Microsoft.Extensions.Options.Options.Create(secrets);
}
