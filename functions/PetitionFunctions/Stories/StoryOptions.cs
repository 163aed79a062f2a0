using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Stories;

/// <summary>Configuration section "Stories".</summary>
public sealed class StoryOptions
{
    public const string Section = "Stories";

    /// <summary>Days after a campaign closes before its stories are deleted (published ones are kept).</summary>
    public int RetentionDays { get; set; } = 90;
}
