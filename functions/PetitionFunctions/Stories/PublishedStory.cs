using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>A published story as the public sees it: the redacted versions only, the name only with the writer's consent.</summary>
public sealed record PublishedStory(Language OriginalLanguage, string? En, string? Es, string? Name, DateTimeOffset PublishedAt)
{
    /// <summary>The redacted text in the requested language where there is one, else in the other.</summary>
    public (Language Language, string Text) In(Language language) =>
        (language == Language.Es ? Es : En) is { } wanted ? (language, wanted)
        : language == Language.Es ? (Language.En, En!) : (Language.Es, Es!);
}
