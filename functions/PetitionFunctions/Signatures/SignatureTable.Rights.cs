using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

// Signers' data rights: withdrawing (and erasing) a signature, signing again after that, and
// anonymising a campaign's signatures once it is over.
public sealed partial class SignatureTable
{
    /// <summary>Row-key suffix of the -1 journal row a withdrawal appends.</summary>
    public const string WithdrawalSuffix = "-w";

    /// <summary>
    /// The columns a signature keeps once its personal data is removed: state and times, the email
    /// bookkeeping (numbers only), admin bookkeeping, and what the breakdowns need (region, postal prefix,
    /// source, language). Everything else is dropped, so a column added later is personal until listed here.
    /// </summary>
    private static readonly HashSet<string> ColumnsWithoutPersonalData =
    [
        "State", "Flag", "Language", "Source", "Region", "PostalPrefix", "ReceivedAt", "ConfirmedAt",
        "SignedAt", "EmailRequests", "LastEmailRequestedAt", "EmailsSent", "LastSentSequence",
        "StateBeforeInvalidation", "InvalidatedAt", "RestoredAt", "WithdrawnAt", "WithdrawnBy", "AnonymisedAt",
    ];

    /// <summary>
    /// Withdraws a signature: state Withdrawn, the personal details (and anything else not in
    /// <see cref="ColumnsWithoutPersonalData"/>) removed, its outbox row removed, and, if it was counted, a
    /// -1 journal row so the next roll-up subtracts it; one batch, conditional on the row's ETag.
    /// Idempotent. Null if there is no such signature.
    /// </summary>
    public async Task<Withdrawal?> WithdrawAsync(string campaign, string key, DateTimeOffset now, WithdrawnBy by, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return null;
            var signature = ToStored(campaign, row);
            if (signature.State == SignatureState.Withdrawn) return new Withdrawal(Changed: false, WasCounted: false);

            var withdrawn = WithoutPersonalData(row);
            withdrawn["State"] = SignatureState.Withdrawn.ToString();
            withdrawn["WithdrawnAt"] = now;
            withdrawn["WithdrawnBy"] = by.ToString();
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, withdrawn, row.ETag)];
            var outbox = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, OutboxRows.Prefix + key, cancellationToken: cancellationToken);
            if (outbox.HasValue) actions.Add(new(TableTransactionActionType.Delete, outbox.Value!, outbox.Value!.ETag));
            if (signature.IsCounted) actions.Add(new(TableTransactionActionType.Add, JournalRow(signature, -1, now, WithdrawalSuffix)));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return new Withdrawal(Changed: true, signature.IsCounted);
            }
            catch (RequestFailedException changed) when (changed.Status is 412 or 409 or 404 && attempt < ConcurrencyRetries)
            {
                // 412: the row or its outbox row changed first; 404: the outbox row went meanwhile;
                // 409: a journal row of this very tick exists. Read again, a tick later.
                now = now.AddTicks(1);
            }
        }
    }

    /// <summary>
    /// Someone whose signature was withdrawn signs again: the row starts over as a fresh, unconfirmed
    /// signature with the new details, and a confirmation email is owed, in one batch with the outbox
    /// row, conditional on the row's ETag (read again if it changed meanwhile). Null when the row is
    /// gone or no longer a withdrawn signature.
    /// </summary>
    private async Task<EmailRequest?> SignAgainAfterWithdrawalAsync(SignatureRecord signature, TableEntity? row, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++, row = null)
        {
            row ??= await ReadAsync(signature.Campaign, signature.Key, cancellationToken);
            if (row is null) return null;
            var previous = ToStored(signature.Campaign, row);
            if (previous.State != SignatureState.Withdrawn) return null;

            // Sequence numbers go on from the old ones, so the email consumer never takes the new request for one it already sent.
            var sequence = Math.Max(previous.EmailRequests, previous.LastSentSequence) + 1;
            var pending = new EmailRequest(signature.Campaign, signature.Key, sequence);
            var fresh = SignatureRow(signature, emailRequests: sequence, lastSentSequence: previous.LastSentSequence);
            try
            {
                await _table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, fresh, row.ETag),
                        new TableTransactionAction(TableTransactionActionType.UpsertReplace, Outbox.Row(pending, signature.ReceivedAt)),
                    ],
                    cancellationToken);
                return pending;
            }
            catch (RequestFailedException changed) when (changed.Status == 412 && attempt < ConcurrencyRetries)
            {
            }
        }
    }

    /// <summary>
    /// The row recording that a campaign's signatures were anonymised: in the campaign's first partition,
    /// keyed above the hex signature keys (and the journal and outbox rows), so no signature query sees it.
    /// </summary>
    private const string AnonymisedMarker = "rights-anonymised";

    /// <summary>
    /// Removes the personal details from every signature of a campaign that still has them, keeping state,
    /// breakdown columns and times (<see cref="ColumnsWithoutPersonalData"/>): counts and breakdowns do
    /// not change and no journal row is written. Row by row, each conditional on its ETag, so it can stop
    /// and resume anywhere. Returns how many rows it anonymised and how many kept changing under it.
    /// </summary>
    public async Task<(int Anonymised, int Left)> AnonymiseAsync(string campaign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int anonymised = 0, left = 0;
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"g"}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.ContainsKey("AnonymisedAt")) continue;
                if (await AnonymiseRowAsync(campaign, row, now, cancellationToken)) anonymised++;
                else left++;
            }
        }
        return (anonymised, left);
    }

    private async Task<bool> AnonymiseRowAsync(string campaign, TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var anonymous = WithoutPersonalData(row);
            anonymous["AnonymisedAt"] = now;
            try
            {
                await _table.UpdateEntityAsync(anonymous, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException changed) when (changed.Status == 412)
            {
                if (attempt >= ConcurrencyRetries || await ReadAsync(campaign, row.RowKey, cancellationToken) is not { } again) return false;
                row = again;
            }
        }
    }

    /// <summary>When the campaign's signatures were anonymised, or null if they have not been.</summary>
    /// <summary>The close milestone ("close", "close-2"…) the campaign was last anonymised after, or null if never.</summary>
    public async Task<string?> AnonymisedClosingAsync(string campaign, CancellationToken cancellationToken)
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(DedupeKeys.PartitionsOf(campaign).First(), AnonymisedMarker,
            cancellationToken: cancellationToken);
        return marker.HasValue ? marker.Value!.GetString("Closing") : null;
    }

    public Task RecordAnonymisedAsync(string campaign, string closing, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(DedupeKeys.PartitionsOf(campaign).First(), AnonymisedMarker)
        {
            ["Campaign"] = campaign,
            ["Closing"] = closing,
            ["AnonymisedAt"] = at,
        }, TableUpdateMode.Replace, cancellationToken);

    private static TableEntity WithoutPersonalData(TableEntity row)
    {
        var kept = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row)
            if (ColumnsWithoutPersonalData.Contains(name)) kept[name] = value;
        return kept;
    }
}
