using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>Who endorses: an organisation (through an authorised signer) or an individual leader.</summary>
public enum EndorserKind
{
    Organization,
    Individual,
}
