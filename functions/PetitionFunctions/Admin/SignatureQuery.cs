using System.Globalization;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

/// <summary>
/// What a signatures listing asks for: a page, its size (at most 25), and optional filters: a state,
/// <c>modified_since</c>, and an OSDI <c>filter</c> (<see cref="OsdiFilter"/>).
/// </summary>
public sealed record SignatureQuery(int Page, int PerPage, SignatureState? State, DateTimeOffset? ModifiedSince)
{
    public const int DefaultPerPage = 25;
    public const int MaxPerPage = 25;

    /// <summary>The OSDI filter as sent (kept for the paging links) and its conditions.</summary>
    public string? FilterText { get; init; }

    public IReadOnlyList<OsdiCondition> Filter { get; init; } = [];

    /// <summary>Reads the query string values (null when absent). per_page above 25 is capped, not refused.</summary>
    public static (SignatureQuery? Query, FieldErrors Errors) Parse(string? page, string? perPage, string? state, string? modifiedSince, string? filter = null)
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
            since = IsoTimes.Parse(modifiedSince);
            if (since is null) errors.Add("modified_since", AdminMessages.InvalidDateTime);
        }

        IReadOnlyList<OsdiCondition> conditions = [];
        if (!string.IsNullOrWhiteSpace(filter))
        {
            if (OsdiFilter.Parse(filter) is { } parsed) conditions = parsed;
            else errors.Add("filter", AdminMessages.InvalidFilter);
        }
        return errors.IsEmpty
            ? (new SignatureQuery(pageNumber, size, wanted, since) { FilterText = conditions.Count > 0 ? filter!.Trim() : null, Filter = conditions }, errors)
            : (null, errors);
    }

    private static int PositiveInt(string? text, string field, int fallback, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1) return value;
        errors.Add(field, AdminMessages.InvalidPage);
        return fallback;
    }

    /// <summary>Whether a listed signature passes the OSDI filter.</summary>
    public bool Admits(SignatureListing row) => Filter.All(condition => condition.Holds(row.ReceivedAt, row.Modified));

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
        if (FilterText is { } filter) pairs.Add(new("filter", filter));
        return "?" + string.Join("&", pairs.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value ?? "")}"));
    }
}
