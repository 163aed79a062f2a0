using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>
/// The Trends table: partition = campaign, row = "{inverted window end ticks}-{kind}-{hash}", so a
/// campaign's trends list newest first. The window end in the key is cut to its hour, so a run repeated
/// within the same hour (a retry, another instance) replaces its rows rather than adding more.
/// </summary>
public sealed class TrendTable(TableServiceClient service)
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.TrendsTable);

    public Task SaveAsync(Trend trend, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(trend.Campaign,
            $"{DateTimeOffset.MaxValue.UtcTicks - HourOf(trend.WindowEnd):D19}-{trend.Kind}-{trend.Hash}")
        {
            ["Kind"] = trend.Kind.ToString(),
            ["Hash"] = trend.Hash,
            ["Count"] = trend.Count,
            ["WindowStart"] = trend.WindowStart,
            ["WindowEnd"] = trend.WindowEnd,
            ["Domain"] = trend.ProtectedDomain,
        }, TableUpdateMode.Replace, cancellationToken);

    private static long HourOf(DateTimeOffset at) => at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour;

    /// <summary>A campaign's most recent trends, newest first.</summary>
    public async Task<IReadOnlyList<Trend>> ListAsync(string campaign, int max, CancellationToken cancellationToken)
    {
        var trends = new List<Trend>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaign}"), cancellationToken: cancellationToken))
        {
            trends.Add(new Trend(campaign, Enum.TryParse<TrendKind>(row.GetString("Kind"), out var kind) ? kind : TrendKind.Ip,
                row.GetString("Hash") ?? "", row.GetInt32("Count") ?? 0, row.GetDateTimeOffset("WindowStart") ?? default,
                row.GetDateTimeOffset("WindowEnd") ?? default, row.GetString("Domain")));
            if (trends.Count >= max) break;
        }
        return trends;
    }
}
