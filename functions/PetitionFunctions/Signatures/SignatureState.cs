using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

public enum SignatureState
{
    Unconfirmed,
    Confirmed,
    /// <summary>Set aside by an admin (fraud, a duplicate): not counted, no more email. Restoring puts the previous state back.</summary>
    Invalidated,
    /// <summary>
    /// Taken back by the signer (the link in their emails) or erased by an admin: the personal details
    /// are gone, only region, postal prefix, source and language stay for the breakdowns. Never counted,
    /// delivered or emailed. Signing again starts a fresh signature.
    /// </summary>
    Withdrawn,
}
