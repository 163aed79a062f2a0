using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>Configuration section "Trends".</summary>
public sealed class TrendOptions
{
    public const string Section = "Trends";

    /// <summary>Sign-ups in an hour from one address, or with one email domain, that make a trend worth an alert.</summary>
    public int Threshold { get; set; } = 100;
}

public enum TrendKind
{
    Ip,
    EmailDomain,
}

/// <summary>
/// Many sign-ups on one campaign within an hour from one address or with one email domain. The hash
/// is the sender's keyed hash (<see cref="SenderHashes"/>); SampleKey is one of the signatures, so an
/// admin screen can show the domain by decrypting that one signature.
/// </summary>
public sealed record Trend(
    string Campaign, TrendKind Kind, string Hash, int Count, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string SampleKey);

/// <summary>Finds the trends among a campaign's recent sign-ups: plain counting, no storage.</summary>
public static class TrendRules
{
    public static IReadOnlyList<(TrendKind Kind, string Hash, int Count, string SampleKey)> Find(IEnumerable<SignatureSender> senders, int threshold)
    {
        var groups = new Dictionary<(TrendKind, string), (int Count, string Sample)>();
        void Add(TrendKind kind, string? hash, string key)
        {
            if (hash is null) return;
            groups[(kind, hash)] = groups.TryGetValue((kind, hash), out var seen) ? (seen.Count + 1, seen.Sample) : (1, key);
        }
        foreach (var sender in senders)
        {
            Add(TrendKind.Ip, sender.IpHash, sender.Key);
            Add(TrendKind.EmailDomain, sender.EmailDomainHash, sender.Key);
        }
        return groups.Where(g => g.Value.Count >= threshold)
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Value.Count, g.Value.Sample))
            .OrderByDescending(t => t.Count).ToList();
    }
}

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
            ["SampleKey"] = trend.SampleKey,
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
                row.GetDateTimeOffset("WindowEnd") ?? default, row.GetString("SampleKey") ?? ""));
            if (trends.Count >= max) break;
        }
        return trends;
    }
}

/// <summary>
/// Hourly: for each open campaign, counts the last hour's sign-ups by address hash and by email-domain
/// hash, and records and logs (as a warning, for an alert rule) every group at or above the threshold.
/// Logs name the hash's first eight hex digits only.
/// </summary>
public sealed class TrendDetector(
    CampaignTable campaigns, SignatureTable signatures, TrendTable trends, TimeProvider time, IOptions<TrendOptions> options, ILogger<TrendDetector> log)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <returns>The trends found.</returns>
    public async Task<IReadOnlyList<Trend>> DetectAsync(CancellationToken cancellationToken)
    {
        var end = time.GetUtcNow();
        var start = end - Window;
        var found = new List<Trend>();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            if (campaign.State != CampaignState.Open) continue;
            var senders = new List<SignatureSender>();
            await foreach (var sender in signatures.SendersSinceAsync(campaign.Slug, start, cancellationToken)) senders.Add(sender);
            foreach (var (kind, hash, count, sample) in TrendRules.Find(senders, options.Value.Threshold))
            {
                var trend = new Trend(campaign.Slug, kind, hash, count, start, end, sample);
                await trends.SaveAsync(trend, cancellationToken);
                found.Add(trend);
                log.LogWarning("Trend alert on {Campaign}: {Count} sign-ups in the last hour from one {Kind} ({Hash}).",
                    campaign.Slug, count, kind == TrendKind.Ip ? "address" : "email domain", hash[..8]);
            }
        }
        return found;
    }
}
