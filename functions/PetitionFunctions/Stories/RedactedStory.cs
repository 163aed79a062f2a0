using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>
/// A story as it may go into a delivery packet: the admin-approved redacted text (in either language
/// or both), the writer's name only when they chose to publish with it. Never the original text, the
/// contact or the place. The texts are as the admin wrote them: a packet builder writing a spreadsheet
/// must pass them through <see cref="SpreadsheetSafety.Neutralize"/>.
/// </summary>
public sealed record RedactedStory(string Id, Language OriginalLanguage, string? En, string? Es, string? Name, DateTimeOffset ReceivedAt)
{
    /// <summary>The redacted text in the wanted language where there is one, else in the other.</summary>
    public string TextIn(Language language) => (language == Language.Es ? Es ?? En : En ?? Es)!;
}
