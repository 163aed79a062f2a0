using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Signatures;

/// <summary>One row of the confirmation journal: +1 for a confirmation or restoration, -1 for a withdrawal or invalidation.</summary>
public sealed record JournalEntry(int Change, DateTimeOffset At, string? Source, string? Region, string? PostalPrefix, Language Language);
