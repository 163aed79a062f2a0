using System.Security.Cryptography;
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
        "StateBeforeInvalidation", "InvalidatedAt", "RestoredAt", "WithdrawnAt", "WithdrawnBy", "AnonymisedAt", "JournalRef",
    ];

    /// <summary>
    /// Withdraws a signature: the row moves to a random key (<see cref="Unlinked"/>) in state Withdrawn, its
    /// outbox row is removed and, if it was counted, a -1 journal row is added so the next roll-up subtracts
    /// it; one batch, conditional on the row's ETag. Nothing is left under the person's key, so signing
    /// again later starts a fresh signature. Null if there is no such signature (or it was withdrawn already).
    /// </summary>
    public async Task<Withdrawal?> WithdrawAsync(string campaign, string key, DateTimeOffset now, WithdrawnBy by, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return null;
            var signature = ToStored(campaign, row);
            // Found under the person's key yet withdrawn: withdrawn before withdrawals moved rows. It moves now, as it was.
            var alreadyWithdrawn = signature.State == SignatureState.Withdrawn;
            var withdrawn = Unlinked(row);
            if (!alreadyWithdrawn)
            {
                withdrawn["State"] = SignatureState.Withdrawn.ToString();
                withdrawn["WithdrawnAt"] = now;
                withdrawn["WithdrawnBy"] = by.ToString();
            }
            List<TableTransactionAction> actions =
                [new(TableTransactionActionType.Delete, row, row.ETag), new(TableTransactionActionType.Add, withdrawn)];
            var outbox = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, OutboxRows.Prefix + key, cancellationToken: cancellationToken);
            if (outbox.HasValue) actions.Add(new(TableTransactionActionType.Delete, outbox.Value!, outbox.Value!.ETag));
            if (signature.IsCounted)
                actions.Add(new(TableTransactionActionType.Add,
                    JournalRow(signature with { JournalRef = withdrawn.GetString("JournalRef") }, -1, now, WithdrawalSuffix)));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return new Withdrawal(Changed: !alreadyWithdrawn, signature.IsCounted);
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
    /// Someone whose signature was withdrawn in place (before withdrawals moved rows to random keys; a
    /// withdrawal now leaves nothing under the key) signs again: the row starts over as a fresh, unconfirmed
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
    /// Unlinks every signature of a campaign that is still under its person's key (<see cref="Unlinked"/>):
    /// each moves to a random key, keeping state, breakdown columns and times
    /// (<see cref="ColumnsWithoutPersonalData"/>), so counts and breakdowns do not change and no journal row
    /// is written; an email still owed goes with its outbox row. Row by row, each conditional on its ETag, so
    /// it can stop and resume anywhere. Returns how many rows it anonymised and how many kept changing under it.
    /// </summary>
    public async Task<(int Anonymised, int Left)> AnonymiseAsync(string campaign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int anonymised = 0, left = 0;
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var owed = new Dictionary<string, TableEntity>();
            var outboxFilter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {OutboxRows.Prefix} and RowKey lt {OutboxRows.End}");
            await foreach (var outbox in _table.QueryAsync<TableEntity>(outboxFilter, cancellationToken: cancellationToken))
                owed[outbox.RowKey[OutboxRows.Prefix.Length..]] = outbox;

            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"g"}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.ContainsKey("AnonymisedAt") || row.GetString("State") == nameof(SignatureState.Withdrawn)) continue;
                if (await AnonymiseRowAsync(campaign, row, owed.GetValueOrDefault(row.RowKey), now, cancellationToken)) anonymised++;
                else left++;
            }
        }
        return (anonymised, left);
    }

    private async Task<bool> AnonymiseRowAsync(string campaign, TableEntity row, TableEntity? outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var anonymous = Unlinked(row);
            anonymous["AnonymisedAt"] = now;
            List<TableTransactionAction> actions =
                [new(TableTransactionActionType.Delete, row, row.ETag), new(TableTransactionActionType.Add, anonymous)];
            if (outbox is not null) actions.Add(new(TableTransactionActionType.Delete, outbox, ETag.All));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (RequestFailedException changed) when (changed.Status is 412 or 404)
            {
                // 412: the row changed meanwhile; 404: it or its outbox row went (withdrawn, or the email was sent).
                if (attempt >= ConcurrencyRetries || await ReadAsync(campaign, row.RowKey, cancellationToken) is not { } again) return false;
                row = again;
                outbox = (await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, OutboxRows.Prefix + row.RowKey, cancellationToken: cancellationToken)) is { HasValue: true } still ? still.Value : null;
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

    /// <summary>
    /// The row as it may stay once its person is gone: only <see cref="ColumnsWithoutPersonalData"/>, under a
    /// random key in the same partition (so it moves in one batch), with a journal id that leads nowhere
    /// (kept if it was random already). The old key, an HMAC of the person's address, is not kept anywhere.
    /// </summary>
    private static TableEntity Unlinked(TableEntity row)
    {
        var kept = new TableEntity(row.PartitionKey, row.RowKey[0] + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))[1..]);
        foreach (var (name, value) in row)
            if (ColumnsWithoutPersonalData.Contains(name)) kept[name] = value;
        if (!kept.ContainsKey("JournalRef")) kept["JournalRef"] = NewJournalRef();
        return kept;
    }
}
