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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The partner system's identifiers of this signature and of the person, kept for the partner's sync and
    /// encrypted with the rest: an identifier in a partner's CRM points at a person as surely as a name.
    /// Null when none were sent.
    /// </summary>
    public IReadOnlyList<string>? Identifiers { get; init; }

    public IReadOnlyList<string>? PersonIdentifiers { get; init; }

    private static string Context(string campaign, string signatureKey) => $"signature:{campaign}:{signatureKey}";

    public string Protect(PersonalDataCipher cipher, string campaign, string signatureKey) =>
        cipher.Encrypt(JsonSerializer.Serialize(this, Json), Context(campaign, signatureKey));

    public static PersonalDetails Unprotect(PersonalDataCipher cipher, string campaign, string signatureKey, string protectedText) =>
        JsonSerializer.Deserialize<PersonalDetails>(cipher.Decrypt(protectedText, Context(campaign, signatureKey)), Json)!;

    /// <summary>
    /// The details of a stored signature, or null: when none are left on it (withdrawn, erased or
    /// anonymised), or when they cannot be read (a retired key), then with the failure's type in <paramref name="failure"/>.
    /// </summary>
    public static PersonalDetails? TryUnprotect(PersonalDataCipher cipher, StoredSignature signature, out string? failure)
    {
        failure = null;
        if (signature.ProtectedPersonalData.Length == 0) return null;
        try
        {
            return Unprotect(cipher, signature.Campaign, signature.Key, signature.ProtectedPersonalData);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or KeyNotFoundException or JsonException)
        {
            failure = e.GetType().Name;
            return null;
        }
    }
}
