using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>
/// A story as stored: the writer's words, name, contact and place, and the admins' redacted versions,
/// only encrypted (each field bound to its row and its name, see <see cref="StoryFields"/>); the
/// consent, language and moderation state in clear, for queries and for people reading the table.
/// </summary>
public sealed record StoredStory(
    string Campaign,
    string Id,
    Language Language,
    ConsentTier Consent,
    bool MayContact,
    bool HasName,
    string? ContactKind,
    DateTimeOffset ReceivedAt,
    bool Redacted,
    DateTimeOffset? RedactedAt,
    bool Published,
    DateTimeOffset? PublishedAt,
    bool IncludeInDelivery,
    bool WantsEmail,
    bool EmailSent,
    string? EmailFailure,
    IReadOnlyDictionary<string, string> Protected,
    string? Flag = null)
{
    public string? ProtectedField(string field) => Protected.GetValueOrDefault(field);
}
