using System.Globalization;
using System.Text.RegularExpressions;

namespace PetitionFunctions.Common;

/// <summary>Times that clients send: ISO 8601 with an offset or Z. A bare local time would mean something different on every server.</summary>
public static partial class IsoTimes
{
    /// <summary>The time in UTC, or null when the text is not an ISO 8601 time with an offset.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || !(value.EndsWith('Z') || value.EndsWith('z') || OffsetPattern().IsMatch(value))) return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.ToUniversalTime() : null;
    }

    [GeneratedRegex(@"T.*[+-]\d{2}:?\d{2}$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();
}
