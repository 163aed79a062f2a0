using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>What became of each key in a moderation request.</summary>
public sealed record ModerationResult(IReadOnlyList<string> Updated, IReadOnlyList<string> NotFound);
