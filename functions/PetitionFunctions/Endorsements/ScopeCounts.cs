namespace PetitionFunctions.Endorsements;

/// <summary>Organisations counted by scope: "63 organisations: 12 national, 20 state, 31 local".</summary>
public sealed record ScopeCounts(int National, int State, int Local);
