using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Campaigns;

/// <summary>
/// The Campaigns table: one row per campaign, the campaign kept as a JSON document so later fields
/// need no migration. Kind and state are also columns, for reading the table by eye.
/// </summary>
public sealed class CampaignTable(TableServiceClient service)
{
    private const string Partition = "campaign";
    private readonly TableClient _table = service.GetTableClient(StorageNames.CampaignsTable);

    public async Task<Campaign?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Campaign.IsValidSlug(slug)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, slug, cancellationToken: cancellationToken);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken)
    {
        var campaigns = new List<Campaign>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            campaigns.Add(FromRow(row));
        return campaigns;
    }

    public Task SaveAsync(Campaign campaign, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToRow(campaign), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Inserts a new campaign; false when one with this slug exists already (the insert conflicts, so two creates cannot both win).</summary>
    public async Task<bool> TryAddAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToRow(campaign), cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity ToRow(Campaign campaign) => new(Partition, campaign.Slug)
    {
        ["Kind"] = campaign.Kind.ToString(),
        ["State"] = campaign.State.ToString(),
        ["Document"] = JsonSerializer.Serialize(campaign, ApiJson.Options),
    };

    private static Campaign FromRow(TableEntity row) =>
        JsonSerializer.Deserialize<Campaign>(row.GetString("Document"), ApiJson.Options)
        ?? throw new InvalidDataException($"Campaign row {row.RowKey} has no document.");
}
