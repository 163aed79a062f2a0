using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>Whether the signer opened the confirm link in their email.</summary>
public enum EndorsementState
{
    Unconfirmed,
    Confirmed,
}
