using System.Globalization;
using System.Text.RegularExpressions;
using PetitionFunctions.Common;

namespace PetitionFunctions.Admin;

public enum OsdiDateField { CreatedDate, ModifiedDate }

public enum OsdiComparison { Gt, Ge, Lt, Le, Eq }

/// <summary>One condition of an OSDI <c>filter</c>: a date field compared with a time.</summary>
public sealed record OsdiCondition(OsdiDateField Field, OsdiComparison Comparison, DateTimeOffset Value)
{
    /// <summary>
    /// Whether a record with these times passes. The listing shows whole seconds, so <c>eq</c> compares
    /// whole seconds; the others compare the exact times, so a sync tool asking "gt" the last time it saw
    /// may get a record twice but never misses one changed within that second.
    /// </summary>
    public bool Holds(DateTimeOffset created, DateTimeOffset modified)
    {
        var value = Field == OsdiDateField.CreatedDate ? created : modified;
        return Comparison switch
        {
            OsdiComparison.Gt => value > Value,
            OsdiComparison.Ge => value >= Value,
            OsdiComparison.Lt => value < Value,
            OsdiComparison.Le => value <= Value,
            _ => value.ToUnixTimeSeconds() == Value.ToUnixTimeSeconds(),
        };
    }
}

/// <summary>
/// The OData subset OSDI sync tools send in <c>filter</c>: <c>modified_date gt '2026-12-04T18:23:59Z'</c>,
/// with <c>gt ge lt le eq</c> on <c>modified_date</c> or <c>created_date</c>, quoted or not, joined by
/// <c>and</c>. A date alone (<c>'2026-12-04'</c>) is midnight UTC. Anything else is unreadable, never guessed at.
/// </summary>
public static partial class OsdiFilter
{
    public const int MaxConditions = 4;

    /// <summary>The conditions, or null when the text is not such a filter.</summary>
    public static IReadOnlyList<OsdiCondition>? Parse(string text)
    {
        var parts = AndPattern().Split(text.Trim());
        if (parts.Length > MaxConditions) return null;
        var conditions = new List<OsdiCondition>();
        foreach (var part in parts)
        {
            var match = ConditionPattern().Match(part);
            if (!match.Success || Time(match.Groups["value"].Value) is not { } value) return null;
            var field = match.Groups["field"].Value.Equals("created_date", StringComparison.OrdinalIgnoreCase) ? OsdiDateField.CreatedDate : OsdiDateField.ModifiedDate;
            conditions.Add(new OsdiCondition(field, Enum.Parse<OsdiComparison>(match.Groups["op"].Value, ignoreCase: true), value));
        }
        return conditions;
    }

    private static DateTimeOffset? Time(string text) =>
        IsoTimes.Parse(text) ?? (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day) ? new DateTimeOffset(day, TimeSpan.Zero) : null);

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndPattern();

    [GeneratedRegex(@"^\s*(?<field>modified_date|created_date)\s+(?<op>gt|ge|lt|le|eq)\s+(?<q>'?)(?<value>[^'\s]+)\k<q>\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionPattern();
}
