using System.Text.Json;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

/// <summary>
/// What counting knows about a campaign: the confirmed total, its breakdowns, the current goal and
/// when each milestone was reached, and the journal position (in ticks) summed so far.
/// </summary>
public sealed record CampaignSummary
{
    public required string Campaign { get; init; }
    public int Count { get; init; }
    public int Goal { get; init; }
    public DateTimeOffset? GoalReachedAt { get; init; }

    /// <summary>When the count first reached each threshold (quarters of the first goal, and each goal), keyed by the threshold.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> Milestones { get; init; } = new Dictionary<int, DateTimeOffset>();

    public Breakdowns Breakdowns { get; init; } = new();

    /// <summary>Every journal entry before this time (UTC ticks) is in the count; none after it.</summary>
    public long WatermarkTicks { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public static CampaignSummary Empty(Campaign campaign) => new() { Campaign = campaign.Slug, Goal = campaign.Goal };
}

/// <summary>Confirmed signatures by partner source, by region (state, and postal prefix) and by language.</summary>
public sealed record Breakdowns
{
    public IReadOnlyDictionary<string, int> Source { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> Region { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> PostalPrefix { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> Language { get; init; } = new Dictionary<string, int>();

    public bool SameAs(Breakdowns other) =>
        Same(Source, other.Source) && Same(Region, other.Region) && Same(PostalPrefix, other.PostalPrefix) && Same(Language, other.Language);

    private static bool Same(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

/// <summary>The arithmetic of counting, with no storage in it.</summary>
public static class Tally
{
    public const string Unknown = "unknown";
    public const string Other = "other";

    /// <summary>Breakdowns keep at most this many keys each; the rest add up under "other". Free-text regions cannot grow a row without bound.</summary>
    public const int MaxKeysPerBreakdown = 500;

    /// <summary>
    /// The most one breakdown's entries may take in the stored summary, in JSON characters. The summary is
    /// one Table Storage property, which holds 32K characters: three breakdowns at this size (the fourth, by
    /// language, has two keys) and the rest stay inside it, however long or escaped (non-ASCII is written
    /// \uXXXX) the keys are. A key that would not fit counts under "other", as past the key limit.
    /// </summary>
    public const int MaxBreakdownChars = 9_500;

    /// <summary>Adds journal entries to a summary and moves its watermark; goals and milestones follow the new count.</summary>
    public static CampaignSummary Add(CampaignSummary summary, Campaign campaign, IReadOnlyCollection<JournalEntry> entries, long watermarkTicks, DateTimeOffset now)
    {
        var added = summary with
        {
            Count = summary.Count + entries.Sum(e => e.Change),
            Breakdowns = Add(summary.Breakdowns, entries),
            WatermarkTicks = watermarkTicks,
            UpdatedAt = now,
        };
        return Progress(added, campaign, now);
    }

    /// <summary>Breakdowns computed afresh from every confirmed signature (reconciliation).</summary>
    public static Breakdowns Recount(IEnumerable<JournalEntry> confirmed) => Add(new Breakdowns(), confirmed.ToList());

    /// <summary>The current goal, the first goal's reached-at time and the milestones, for the summary's count.</summary>
    public static CampaignSummary Progress(CampaignSummary summary, Campaign campaign, DateTimeOffset now)
    {
        var goals = new[] { campaign.Goal }.Concat(campaign.StretchGoals.Where(g => g > campaign.Goal).Order()).ToList();
        var thresholds = new[] { campaign.Goal / 4, campaign.Goal / 2, campaign.Goal * 3 / 4 }.Where(t => t > 0).Concat(goals).Distinct();
        var milestones = new Dictionary<int, DateTimeOffset>(summary.Milestones);
        foreach (var threshold in thresholds.Where(t => summary.Count >= t)) milestones.TryAdd(threshold, now);
        return summary with
        {
            Goal = goals.FirstOrDefault(g => g > summary.Count, goals[^1]),
            GoalReachedAt = summary.GoalReachedAt ?? (summary.Count >= campaign.Goal ? now : null),
            Milestones = milestones,
        };
    }

    private static Breakdowns Add(Breakdowns breakdowns, IReadOnlyCollection<JournalEntry> entries) => new()
    {
        Source = Add(breakdowns.Source, entries, e => e.Source),
        Region = Add(breakdowns.Region, entries, e => e.Region?.TrimStart('\'').Trim().ToUpperInvariant()),
        PostalPrefix = Add(breakdowns.PostalPrefix, entries, e => e.PostalPrefix),
        Language = Add(breakdowns.Language, entries, e => e.Language.Code()),
    };

    private static Dictionary<string, int> Add(IReadOnlyDictionary<string, int> counts, IEnumerable<JournalEntry> entries, Func<JournalEntry, string?> keyOf)
    {
        var result = new Dictionary<string, int>(counts, StringComparer.Ordinal);
        var chars = result.Keys.Sum(StoredLength);
        foreach (var entry in entries)
        {
            var key = keyOf(entry) is { Length: > 0 } k ? (k.Length > 40 ? k[..40] : k) : Unknown;
            // A -1 for a key not listed takes back a +1 that went under "other" when the breakdown was full.
            if (!result.ContainsKey(key)
                && (result.Count >= MaxKeysPerBreakdown || chars + StoredLength(key) > MaxBreakdownChars || entry.Change < 0)) key = Other;
            if (!result.ContainsKey(key)) chars += StoredLength(key);
            result[key] = result.GetValueOrDefault(key) + entry.Change;
            // A -1 (withdrawn, invalidated) that takes a key back to zero removes it, as a recount would never list it.
            if (result[key] == 0)
            {
                result.Remove(key);
                chars -= StoredLength(key);
            }
        }
        return result;
    }

    /// <summary>What one entry takes in the stored JSON: the key as the summary's serializer escapes it, its quotes, colon, count and comma.</summary>
    private static int StoredLength(string key) =>
        JsonEncodedText.Encode(key, ApiJson.Options.Encoder).Value.Length + 14;
}
