using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>The state of the switch that pauses intake for every campaign.</summary>
public sealed record IntakePause(bool Paused, DateTimeOffset? ChangedAt, string? ChangedBy);
