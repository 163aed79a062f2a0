using PetitionFunctions.Common;

namespace PetitionFunctions.Signatures;

/// <summary>A signature as read back from the table, with its email bookkeeping.</summary>
public sealed record StoredSignature(
    string Campaign,
    string Key,
    SignatureState State,
    Language Language,
    string? Source,
    string? Region,
    string PostalPrefix,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ConfirmedAt,
    string ProtectedPersonalData,
    int EmailRequests,
    DateTimeOffset LastEmailRequestedAt,
    int EmailsSent,
    int LastSentSequence,
    string? EmailFailure,
    string? Flag = null,
    DateTimeOffset? SignedAt = null,
    string? JournalRef = null,
    bool LimitsDue = false,
    string? IpHash = null)
{
    /// <summary>What the signature's journal rows are named by: its random journal id, or its key for rows written before there was one.</summary>
    public string JournalName => JournalRef ?? Key;

    /// <summary>
    /// Whether this signature is in the campaign's count: the one test every journal row (+1 or -1) follows.
    /// A flagged signature (over a rate limit) confirms like any other but counts only once an admin releases it.
    /// </summary>
    public bool IsCounted => State == SignatureState.Confirmed && Flag is null;

    /// <summary>
    /// Which signature under this key this is: someone who withdraws and signs again gets a fresh one, and
    /// the links emailed for the old one must not act on it. The time it was received, in milliseconds.
    /// </summary>
    public long Generation => ReceivedAt.ToUnixTimeMilliseconds();

    /// <summary>Whether a link names this signature: links without a generation are from before generations and name none.</summary>
    public bool IsNamedBy(long? generation) => generation == Generation;
}
