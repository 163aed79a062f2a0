using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Partners;

/// <summary>The PartnerKeys table: partition = campaign slug, row = the key's id. No secret, only its hash.</summary>
public sealed class PartnerKeyTable(TableServiceClient service)
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.PartnerKeysTable);

    public Task AddAsync(PartnerKey key, CancellationToken cancellationToken) =>
        _table.AddEntityAsync(new TableEntity(key.Campaign, key.Id)
        {
            ["Partner"] = key.Partner,
            ["Scopes"] = (int)key.Scopes,
            ["CreatedAt"] = key.CreatedAt,
            ["ExpiresAt"] = key.ExpiresAt,
            ["CreatedBy"] = key.CreatedBy,
            ["SecretHash"] = key.SecretHash,
        }, cancellationToken);

    public async Task<PartnerKey?> FindAsync(string campaign, string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, id, cancellationToken: cancellationToken);
        return row.HasValue ? ToKey(row.Value!) : null;
    }

    public async Task<List<PartnerKey>> ListAsync(string campaign, CancellationToken cancellationToken)
    {
        var keys = new List<PartnerKey>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaign}"), cancellationToken: cancellationToken))
            keys.Add(ToKey(row));
        return keys;
    }

    /// <summary>Marks a key revoked (once: a second revocation keeps the first time). False when there is no such key.</summary>
    public async Task<bool> RevokeAsync(string campaign, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await FindAsync(campaign, id, cancellationToken) is not { } key) return false;
        if (key.RevokedAt is not null) return true;
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(campaign, id) { ["RevokedAt"] = now }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            return false;
        }
    }

    private static PartnerKey ToKey(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetString("Partner") ?? "",
        (PartnerScopes)(row.GetInt32("Scopes") ?? 0),
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        row.GetString("CreatedBy") ?? "",
        row.GetString("SecretHash") ?? "")
    {
        RevokedAt = row.GetDateTimeOffset("RevokedAt"),
    };
}
