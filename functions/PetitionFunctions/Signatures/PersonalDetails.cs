using System.Text.Json;
using PetitionFunctions.Common;

namespace PetitionFunctions.Signatures;

/// <summary>What identifies a signer. Stored only encrypted, bound to its signature's row.</summary>
public sealed record PersonalDetails(
    string GivenName,
    string FamilyName,
    string Email,
    string PostalCode,
    string? Locality,
    string? Comments)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Context(string campaign, string signatureKey) => $"signature:{campaign}:{signatureKey}";

    public string Protect(PersonalDataCipher cipher, string campaign, string signatureKey) =>
        cipher.Encrypt(JsonSerializer.Serialize(this, Json), Context(campaign, signatureKey));

    public static PersonalDetails Unprotect(PersonalDataCipher cipher, string campaign, string signatureKey, string protectedText) =>
        JsonSerializer.Deserialize<PersonalDetails>(cipher.Decrypt(protectedText, Context(campaign, signatureKey)), Json)!;
}
