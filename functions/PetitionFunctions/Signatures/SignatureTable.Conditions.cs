using Azure.Data.Tables;

namespace PetitionFunctions.Signatures;

public sealed partial class SignatureTable
{
    /// <summary>
    /// The campaign's signatures that meet a condition: one filtered query per partition over the
    /// signature rows (a scan of the campaign's signatures that storage filters; an admin action, never
    /// on a public path). Rows written before the hashes existed have none and match no hash condition.
    /// </summary>
    public async IAsyncEnumerable<SignatureMark> MatchingAsync(
        string campaign, SignatureCondition condition,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"g"}");
            if (condition.IpHash is { } ip) filter += " and " + TableClient.CreateQueryFilter($"IpHash eq {ip}");
            if (condition.EmailDomainHash is { } domain) filter += " and " + TableClient.CreateQueryFilter($"EmailDomainHash eq {domain}");
            if (condition.ReceivedFrom is { } from) filter += " and " + TableClient.CreateQueryFilter($"ReceivedAt ge {from}");
            if (condition.ReceivedTo is { } to) filter += " and " + TableClient.CreateQueryFilter($"ReceivedAt lt {to}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "State", "Flag"], cancellationToken: cancellationToken))
                yield return Mark(row);
        }
    }

    /// <summary>The signatures a bulk invalidation set aside and that are still invalidated: what its undo restores.</summary>
    public async IAsyncEnumerable<SignatureMark> InvalidatedByAsync(
        string campaign, string operation,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var invalidated = SignatureState.Invalidated.ToString();
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey lt {"g"} and InvalidationOperation eq {operation} and State eq {invalidated}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "State", "Flag"], cancellationToken: cancellationToken))
                yield return Mark(row);
        }
    }

    /// <summary>
    /// Who sent the campaign's signatures received since a time: one query per partition on ReceivedAt,
    /// selecting the key and the two hashes. It reads every signature row of the campaign (storage
    /// filters them), so the trend job runs it once an hour, never on a request.
    /// </summary>
    public async IAsyncEnumerable<SignatureSender> SendersSinceAsync(
        string campaign, DateTimeOffset since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"g"} and ReceivedAt ge {since}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "IpHash", "EmailDomainHash"], cancellationToken: cancellationToken))
                yield return new SignatureSender(row.RowKey, row.GetString("IpHash"), row.GetString("EmailDomainHash"));
        }
    }

    private static SignatureMark Mark(TableEntity row) => new(
        row.RowKey,
        Enum.TryParse<SignatureState>(row.GetString("State"), ignoreCase: true, out var state) ? state : SignatureState.Unconfirmed,
        SignatureFlags.Normalize(row.GetString("Flag")));
}
