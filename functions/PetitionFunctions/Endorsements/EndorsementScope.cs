using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>How far an organisation's work reaches. The public list and the delivery are ordered by it.</summary>
public enum EndorsementScope
{
    National,
    State,
    Local,
}
