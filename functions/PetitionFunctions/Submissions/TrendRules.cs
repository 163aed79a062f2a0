using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>Finds the trends among a campaign's recent sign-ups: plain counting, no storage.</summary>
public static class TrendRules
{
    public static IReadOnlyList<(TrendKind Kind, string Hash, int Count, string SampleKey)> Find(IEnumerable<SignatureSender> senders, int threshold)
    {
        var groups = new Dictionary<(TrendKind, string), (int Count, string Sample)>();
        void Add(TrendKind kind, string? hash, string key)
        {
            if (hash is null) return;
            groups[(kind, hash)] = groups.TryGetValue((kind, hash), out var seen) ? (seen.Count + 1, seen.Sample) : (1, key);
        }
        foreach (var sender in senders)
        {
            Add(TrendKind.Ip, sender.IpHash, sender.Key);
            Add(TrendKind.EmailDomain, sender.EmailDomainHash, sender.Key);
        }
        return groups.Where(g => g.Value.Count >= threshold)
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Value.Count, g.Value.Sample))
            .OrderByDescending(t => t.Count).ToList();
    }
}
