using Azure;
using Azure.Data.Tables;

namespace PetitionFunctions.Endorsements;

public sealed partial class EndorsementTable
{
    /// <summary>The columns an erased signer leaves behind: their details, the keys that found them, and an email failure text that may quote their address.</summary>
    private static readonly string[] SignerColumns = ["Personal", "SignerKey", "SignerPhoneKey", "EmailFailure", "EmailFailedAt"];

    /// <summary>
    /// Erases a person as an organisation's signer on a letter, found by the keyed hash of their email or
    /// of their phone number (one query of the letter's partition, nothing decrypted). The organisation's
    /// endorsement stays as it is (profile, confirmation, moderation); the signer's details and keys and any
    /// owed confirmation email are removed. A pending change they submitted is dropped. Returns the keys of
    /// the endorsements touched: none on a second run.
    /// </summary>
    public async Task<IReadOnlySet<string>> EraseSignerAsync(string campaign, string? emailKey, string? phoneKey, CancellationToken cancellationToken)
    {
        var matches = new List<string>();
        if (emailKey is not null) matches.Add(TableClient.CreateQueryFilter($"SignerKey eq {emailKey}"));
        if (phoneKey is not null) matches.Add(TableClient.CreateQueryFilter($"SignerPhoneKey eq {phoneKey}"));
        var touched = new HashSet<string>(StringComparer.Ordinal);
        if (matches.Count == 0) return touched;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaign}") + $" and ({string.Join(" or ", matches)})";
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row);

        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(ChangePrefix, StringComparison.Ordinal))
            {
                if (await DropChangeAsync(row, cancellationToken)) touched.Add(row.RowKey[ChangePrefix.Length..]);
            }
            else if (row.RowKey.StartsWith(OrganizationPrefix, StringComparison.Ordinal)
                     && await ScrubSignerAsync(campaign, row.RowKey, emailKey, phoneKey, cancellationToken))
            {
                touched.Add(row.RowKey);
            }
        }
        return touched;
    }

    /// <summary>Deletes a pending change and lowers its endorsement's flag, in one batch. False if a newer submission replaced the change meanwhile.</summary>
    private async Task<bool> DropChangeAsync(TableEntity change, CancellationToken cancellationToken)
    {
        var flag = new TableEntity(change.PartitionKey, change.RowKey[ChangePrefix.Length..]) { ["HasPendingChange"] = false };
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, change, change.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, flag, ETag.All),
                ],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Rewrites the endorsement without its signer's columns, under its ETag, and deletes its outbox row. False if the signer is no longer this person.</summary>
    private async Task<bool> ScrubSignerAsync(string campaign, string key, string? emailKey, string? phoneKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var read = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, key, cancellationToken: cancellationToken);
            if (!read.HasValue) return false;
            var row = read.Value!;
            var signer = (Email: row.GetString("SignerKey"), Phone: row.GetString("SignerPhoneKey"));
            if (!(emailKey is not null && signer.Email == emailKey || phoneKey is not null && signer.Phone == phoneKey)) return false;
            foreach (var column in SignerColumns) row.Remove(column);
            try
            {
                await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                await Outbox.DeleteAsync(campaign, key, cancellationToken);
                return true;
            }
            catch (RequestFailedException changed) when (changed.Status == 412 && attempt < ConcurrencyRetries)
            {
            }
        }
    }
}
