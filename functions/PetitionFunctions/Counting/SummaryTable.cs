using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Counting;

/// <summary>The Summaries table: one row per campaign, the only thing public count reads touch.</summary>
public sealed class SummaryTable(TableServiceClient service)
{
    private const string Partition = "summary";
    private readonly TableClient _table = service.GetTableClient(StorageNames.SummariesTable);

    public async Task<VersionedSummary?> FindAsync(string campaign, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, campaign, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var summary = JsonSerializer.Deserialize<CampaignSummary>(row.Value!.GetString("Document"), ApiJson.Options)!;
        return new VersionedSummary(summary, row.Value.ETag);
    }

    /// <summary>
    /// Writes the summary only if the row is still at the version it was read at (or still absent).
    /// False when another run wrote first: the caller's work is then dropped, never added twice.
    /// </summary>
    public async Task<bool> TrySaveAsync(CampaignSummary summary, ETag? readVersion, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, summary.Campaign)
        {
            ["Count"] = summary.Count,
            ["Watermark"] = summary.WatermarkTicks,
            ["Document"] = JsonSerializer.Serialize(summary, ApiJson.Options),
        };
        try
        {
            if (readVersion is { } version) await _table.UpdateEntityAsync(row, version, TableUpdateMode.Replace, cancellationToken);
            else await _table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException lost) when (lost.Status is 409 or 412)
        {
            return false;
        }
    }
}
