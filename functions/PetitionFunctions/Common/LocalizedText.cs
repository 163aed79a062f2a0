namespace PetitionFunctions.Common;

/// <summary>
/// A text kept in both languages: a campaign's own words, and every word the app says (the stages'
/// catalogues, such as <see cref="FieldMessages"/>, declare each text once, English beside Spanish).
/// </summary>
public sealed record LocalizedText(string En, string Es)
{
    /// <summary>The one place that picks a language's words.</summary>
    public string In(Language language) => language == Language.Es ? Es : En;

    /// <summary>Wherever words are worded late (<see cref="FieldErrors"/>, receipts), a text is the function of its language.</summary>
    public static implicit operator Func<Language, string>(LocalizedText text) => ToFunc(text);

    public static Func<Language, string> ToFunc(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.In;
    }
}
