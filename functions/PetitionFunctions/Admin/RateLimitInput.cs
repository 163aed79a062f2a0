using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

public sealed record RateLimitInput(int? Count, int? WindowSeconds);
