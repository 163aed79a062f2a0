using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Signatures;
using PetitionFunctions.Stories;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>Who to erase: an email address, a phone number, or both (at least one).</summary>
public sealed record ErasureRequest(string? Email, string? Phone);
