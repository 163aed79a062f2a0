using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Submissions;

/// <summary>
/// The kill switches: a campaign's own <see cref="Campaign.IntakePaused"/>, and one for every campaign
/// kept in storage. The app-wide one is held in memory per instance for
/// <see cref="CountingOptions.ReadCacheDuration"/>, like the campaign reads, so a sign-on costs no
/// storage read for it; another instance sees a change within that time.
/// </summary>
public sealed class IntakeSwitch(SettingsTable settings, TimeProvider time, IOptions<CountingOptions> options, ILogger<IntakeSwitch> log)
{
    private const string Key = "all";
    private readonly ReadThroughCache<IntakePause> _pause = new(time, options.Value.ReadCacheDuration, log, "intake switch");

    /// <summary>Whether the campaign takes no submissions now: its own switch or the app-wide one.</summary>
    public async Task<bool> IsPausedAsync(Campaign campaign) => campaign.IntakePaused || (await AllAsync()).Paused;

    /// <summary>The app-wide switch; a storage read at most once a period (the read is shared, so it is not the caller's to cancel).</summary>
    public async Task<IntakePause> AllAsync() =>
        await _pause.GetAsync(Key, async () => await settings.FindIntakePauseAsync(CancellationToken.None)) ?? new IntakePause(false, null, null);

    /// <summary>Sets the app-wide switch; this instance sees it at once.</summary>
    public async Task<IntakePause> SetAllAsync(bool paused, string actor, CancellationToken cancellationToken)
    {
        var pause = new IntakePause(paused, time.GetUtcNow(), actor);
        await settings.SaveIntakePauseAsync(pause, cancellationToken);
        _pause.Set(Key, pause);
        log.LogWarning("Intake for every campaign {Change} by {Actor}.", paused ? "paused" : "resumed", actor);
        return pause;
    }
}
