using Azure;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>A summary with the version it was read at, for a write that must not overwrite a newer one.</summary>
public sealed record VersionedSummary(CampaignSummary Summary, ETag? Version);
