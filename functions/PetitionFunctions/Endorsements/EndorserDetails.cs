using System.Text.Json;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The person behind an endorsement: an organisation's authorised signer (name, title, email, phone) or
/// an individual leader (name, title, affiliation, city, email). Stored only encrypted, bound to its row;
/// never logged, never in a queue message.
/// </summary>
public sealed record EndorserDetails(
    string Name,
    string Title,
    string Email,
    string? Phone = null,
    string? Affiliation = null,
    string? Locality = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An organisation's signer after an erasure: nothing about them is left.</summary>
    public static readonly EndorserDetails Erased = new("", "", "");

    public static string Context(string campaign, string rowKey) => $"endorsement:{campaign}:{rowKey}";

    public string Protect(PersonalDataCipher cipher, string context) => cipher.Encrypt(JsonSerializer.Serialize(this, Json), context);

    public static EndorserDetails Unprotect(PersonalDataCipher cipher, string context, string protectedText) =>
        JsonSerializer.Deserialize<EndorserDetails>(cipher.Decrypt(protectedText, context), Json)!;
}
