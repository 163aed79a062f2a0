using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>A story as an admin sees it: metadata always; the decrypted fields only when asked for.</summary>
public sealed record AdminStory(
    string Id,
    string Language,
    string Consent,
    bool MayContact,
    bool HasName,
    string? ContactKind,
    DateTimeOffset ReceivedAt,
    bool Redacted,
    DateTimeOffset? RedactedAt,
    bool Published,
    DateTimeOffset? PublishedAt,
    bool IncludeInDelivery,
    bool CanPublish,
    bool CanDeliver,
    bool EmailRequested,
    bool EmailSent,
    string? EmailFailure,
    AdminStoryText? Decrypted,
    string? Flag);
