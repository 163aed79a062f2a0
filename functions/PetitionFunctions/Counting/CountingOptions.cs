using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Counting;

/// <summary>Configuration section "Counting".</summary>
public sealed class CountingOptions
{
    public const string Section = "Counting";

    /// <summary>
    /// Journal rows younger than this are left for the next run. A confirmation's time is taken before
    /// its write commits (storage retries can take about a minute), so a row can appear late; summing
    /// only rows older than the lag means none is skipped.
    /// </summary>
    public TimeSpan LagWindow { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long one instance serves a campaign's public read from memory: one storage read per instance in this
    /// time, however many thermometers ask, and a short enough wait that a confirmation shows within a minute
    /// (the roll-up runs every 30 s; docs/decisions.md, "A confirmation shows within a minute").
    /// </summary>
    public TimeSpan ReadCacheDuration { get; set; } = TimeSpan.FromSeconds(15);
}
