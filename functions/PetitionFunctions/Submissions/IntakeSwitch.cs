using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>The state of the switch that pauses intake for every campaign.</summary>
public sealed record IntakePause(bool Paused, DateTimeOffset? ChangedAt, string? ChangedBy);

/// <summary>The Settings table: one row per app-wide setting; here partition "intake", row "all".</summary>
public sealed class SettingsTable(TableServiceClient service)
{
    private const string Partition = "intake";
    private const string Row = "all";
    private readonly TableClient _table = service.GetTableClient(StorageNames.SettingsTable);

    public async Task<IntakePause> FindIntakePauseAsync(CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        return row.HasValue
            ? new IntakePause(row.Value!.GetBoolean("Paused") ?? false, row.Value.GetDateTimeOffset("ChangedAt"), row.Value.GetString("ChangedBy"))
            : new IntakePause(false, null, null);
    }

    public Task SaveIntakePauseAsync(IntakePause pause, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, Row)
        {
            ["Paused"] = pause.Paused,
            ["ChangedAt"] = pause.ChangedAt,
            ["ChangedBy"] = pause.ChangedBy,
        }, TableUpdateMode.Replace, cancellationToken);
}

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
