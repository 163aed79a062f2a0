using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>Text in both languages as an admin sends it: either may be missing while the campaign is a draft.</summary>
public sealed record LocalizedInput(string? En, string? Es);
