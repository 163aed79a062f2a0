using Azure;
using Azure.Data.Tables;

namespace PetitionFunctions.Signatures;

/// <summary>A journal row as the roll-up reads it: the time its key sorts by, what it changes, and the stored row to archive once counted.</summary>
public sealed record JournalRow(long Ticks, JournalEntry Entry, TableEntity Stored)
{
    /// <summary>A signature's confirmation; other rows (invalidation, restoration, withdrawal, release) end in a suffix after the signature's journal id.</summary>
    public bool IsConfirmation => Stored.RowKey.EndsWith("-" + (Stored.GetString("JournalRef") ?? Stored.GetString("SignatureKey")), StringComparison.Ordinal);
}
