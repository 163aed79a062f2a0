using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>An admin's decision. Nothing appears publicly or in a delivery until approved.</summary>
public enum ModerationState
{
    Pending,
    Approved,
    Rejected,
}
