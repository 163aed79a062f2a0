using System.Globalization;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

/// <summary>What a signatures listing asks for: a page, its size (at most 25), and optional filters.</summary>
public sealed record SignatureQuery(int Page, int PerPage, SignatureState? State, DateTimeOffset? ModifiedSince)
{
    public const int DefaultPerPage = 25;
    public const int MaxPerPage = 25;

    /// <summary>Reads the query string values (null when absent). per_page above 25 is capped, not refused.</summary>
    public static (SignatureQuery? Query, FieldErrors Errors) Parse(string? page, string? perPage, string? state, string? modifiedSince)
    {
        var errors = new FieldErrors();
        var pageNumber = PositiveInt(page, "page", 1, errors);
        var size = Math.Min(PositiveInt(perPage, "per_page", DefaultPerPage, errors), MaxPerPage);

        SignatureState? wanted = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (Enum.TryParse<SignatureState>(state.Trim(), ignoreCase: true, out var parsed) && !int.TryParse(state, out _)) wanted = parsed;
            else errors.Add("state", AdminMessages.InvalidSignatureState);
        }

        DateTimeOffset? since = null;
        if (!string.IsNullOrWhiteSpace(modifiedSince))
        {
            // ISO 8601 with an offset or Z: a bare local time would mean something different on every server.
            if (DateTimeOffset.TryParse(modifiedSince.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                && HasOffset(modifiedSince))
                since = parsed.ToUniversalTime();
            else errors.Add("modified_since", AdminMessages.InvalidDateTime);
        }
        return errors.IsEmpty ? (new SignatureQuery(pageNumber, size, wanted, since), errors) : (null, errors);
    }

    private static bool HasOffset(string text)
    {
        var value = text.Trim();
        if (value.EndsWith('Z') || value.EndsWith('z')) return true;
        var time = value.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return time > 0 && value.IndexOfAny(['+', '-'], time) > 0;
    }

    private static int PositiveInt(string? text, string field, int fallback, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1) return value;
        errors.Add(field, AdminMessages.InvalidPage);
        return fallback;
    }

    /// <summary>The query string of this listing at another page, filters kept, in a fixed order.</summary>
    public string QueryStringFor(int page)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("page", page.ToString(CultureInfo.InvariantCulture)),
            new("per_page", PerPage.ToString(CultureInfo.InvariantCulture)),
        };
        if (State is { } state) pairs.Add(new("state", state.ToString().ToLowerInvariant()));
        if (ModifiedSince is { } since) pairs.Add(new("modified_since", since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)));
        return "?" + string.Join("&", pairs.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value ?? "")}"));
    }
}
