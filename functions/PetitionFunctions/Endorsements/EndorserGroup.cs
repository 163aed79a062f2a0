namespace PetitionFunctions.Endorsements;

/// <summary>The approved endorsers of a letter, grouped by scope, as the delivery to the target carries them.</summary>
public sealed record EndorserGroup(EndorsementScope? Scope, IReadOnlyList<PublicEndorsement> Endorsers);
