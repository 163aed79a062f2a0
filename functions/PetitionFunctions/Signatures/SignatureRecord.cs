using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Signatures;

/// <summary>A new signature, ready to store: the person's details only in encrypted form; region, postal prefix, language and source in clear for counting.</summary>
public sealed record SignatureRecord(
    string Campaign,
    string Key,
    Language Language,
    string? Source,
    string? Region,
    string PostalPrefix,
    DateTimeOffset ReceivedAt,
    string ProtectedPersonalData)
{
    /// <summary>Why intake set this signature aside from the count (<see cref="SignatureFlags"/>), or null.</summary>
    public string? Flag { get; init; }

    /// <summary>Keyed hashes of the client's address and the email's domain (<see cref="SenderHashes"/>), for trends.</summary>
    public string? IpHash { get; init; }

    public string? EmailDomainHash { get; init; }

    /// <summary>
    /// Whether the campaign's rate limits are still to be applied to its client address: by the confirmation
    /// email job (<see cref="SignatureTable.SettleLimitsAsync"/>), so intake pays no storage request for them.
    /// </summary>
    public bool LimitsDue { get; init; }

    /// <summary>When the partner's system says the person signed (OSDI <c>action_date</c>), if it was plausible.</summary>
    public DateTimeOffset? SignedAt { get; init; }
}
