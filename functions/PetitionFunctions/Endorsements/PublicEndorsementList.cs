namespace PetitionFunctions.Endorsements;

/// <summary>The public list of a letter: approved endorsements that agreed to be listed, with counts.</summary>
public sealed record PublicEndorsementList(
    int Total,
    int Organizations,
    int Individuals,
    ScopeCounts ByScope,
    bool AllowsIndividuals,
    IReadOnlyList<PublicEndorsement> Endorsements);
