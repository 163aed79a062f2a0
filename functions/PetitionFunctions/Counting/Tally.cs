using System.Text.Json;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

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
        Day = Add(breakdowns.Day, entries, e => e.At.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), netPerKey: true),
    };

    /// <param name="netPerKey">A key holds a net change (the day's), so a -1 takes a key of its own rather than going to "other".</param>
    private static Dictionary<string, int> Add(IReadOnlyDictionary<string, int> counts, IEnumerable<JournalEntry> entries, Func<JournalEntry, string?> keyOf, bool netPerKey = false)
    {
        var result = new Dictionary<string, int>(counts, StringComparer.Ordinal);
        var chars = result.Keys.Sum(StoredLength);
        foreach (var entry in entries)
        {
            var key = keyOf(entry) is { Length: > 0 } k ? (k.Length > 40 ? k[..40] : k) : Unknown;
            // A -1 for a key not listed takes back a +1 that went under "other" when the breakdown was full.
            if (!result.ContainsKey(key)
                && (result.Count >= MaxKeysPerBreakdown || chars + StoredLength(key) > MaxBreakdownChars || (entry.Change < 0 && !netPerKey))) key = Other;
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
