namespace PetitionFunctions.Common;

/// <summary>
/// Validation problems collected per field, one entry per field. Messages are worded late, once the
/// language of the answer is known (a body's own language field can change it).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, Func<Language, string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Keeps the first problem found for a field: one clear message beats a list of consequences.</summary>
    public void Add(string field, Func<Language, string> message) => _errors.TryAdd(field, message);

    public IReadOnlyDictionary<string, string[]> In(Language language) =>
        _errors.ToDictionary(pair => pair.Key, pair => new[] { pair.Value(language) }, StringComparer.Ordinal);
}
