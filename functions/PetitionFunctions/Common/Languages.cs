namespace PetitionFunctions.Common;

public static class Languages
{
    public static string Code(this Language language) => language == Language.Es ? "es" : "en";

    /// <summary>Reads a language tag such as "es", "ES" or "es-MX"; anything not English or Spanish is unknown.</summary>
    public static Language? Parse(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Trim().Split('-', '_')[0];
        if (primary.Equals("es", StringComparison.OrdinalIgnoreCase)) return Language.Es;
        if (primary.Equals("en", StringComparison.OrdinalIgnoreCase)) return Language.En;
        return null;
    }

    /// <summary>The first English or Spanish entry of an Accept-Language header, by quality.</summary>
    public static Language? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var ranked = header.Split(',')
            .Select((part, index) =>
            {
                var pieces = part.Split(';');
                var quality = 1.0;
                foreach (var parameter in pieces.Skip(1))
                {
                    var kv = parameter.Trim();
                    if (kv.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        && double.TryParse(kv[2..], System.Globalization.NumberStyles.Float,
                            System.Globalization.CultureInfo.InvariantCulture, out var q))
                        quality = q;
                }
                return (Language: Parse(pieces[0]), Quality: quality, Index: index);
            })
            .Where(entry => entry.Language is not null && entry.Quality > 0)
            .OrderByDescending(entry => entry.Quality)
            .ThenBy(entry => entry.Index);
        return ranked.Select(entry => entry.Language).FirstOrDefault();
    }

    /// <summary>Picks the language to answer in: what the person chose, then the query string, then the browser's.</summary>
    public static Language Negotiate(string? chosen, string? query, string? acceptLanguage) =>
        Parse(chosen) ?? Parse(query) ?? FromAcceptLanguage(acceptLanguage) ?? Language.En;
}
