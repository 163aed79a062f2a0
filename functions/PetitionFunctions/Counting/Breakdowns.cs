using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

/// <summary>
/// Confirmed signatures by partner source, by region (state, and postal prefix) and by language; and the net
/// change journalled each UTC day (<see cref="Day"/>, "yyyy-MM-dd"), which the console's chart draws.
/// </summary>
public sealed record Breakdowns
{
    public IReadOnlyDictionary<string, int> Source { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> Region { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> PostalPrefix { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> Language { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Confirmations less withdrawals and invalidations, by the day they were journalled. A recount from the
    /// signatures cannot rebuild it (a signature keeps its confirmation time, not its withdrawal's), so
    /// <see cref="SameAs"/> leaves it out and reconciliation keeps it as it is.
    /// </summary>
    public IReadOnlyDictionary<string, int> Day { get; init; } = new Dictionary<string, int>();

    public bool SameAs(Breakdowns other) =>
        Same(Source, other.Source) && Same(Region, other.Region) && Same(PostalPrefix, other.PostalPrefix) && Same(Language, other.Language);

    private static bool Same(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
