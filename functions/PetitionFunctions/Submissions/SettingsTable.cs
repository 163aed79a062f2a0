using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

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
