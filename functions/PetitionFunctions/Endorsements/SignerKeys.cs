using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The keyed hashes (<see cref="Signatures.DedupeKeys"/>) an erasure finds an organisation's signer by: of
/// their canonical email, and of their canonical phone number when they gave one.
/// </summary>
public sealed record SignerKeys(string Email, string? Phone);
