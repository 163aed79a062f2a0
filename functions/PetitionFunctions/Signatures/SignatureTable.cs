using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

/// <summary>
/// The Signatures table. Partition "{campaign}:{first hex digit of the key}" (16 per campaign). In
/// each partition, three kinds of row, told apart by row key:
/// <list type="bullet">
/// <item>"{key}": a signature, keyed by the person's dedupe key (hex, so it sorts before the others);</item>
/// <item>"journal-{ticks}-{key}": the append-only confirmation journal that counting sums, one row per confirmation;</item>
/// <item>"outbox-{key}": an email owed to a signature whose queue message may not have been sent yet.</item>
/// </list>
/// Keeping them in the signature's partition lets each change be one atomic batch.
/// </summary>
public sealed partial class SignatureTable(TableServiceClient service)
{
    public const string JournalPrefix = "journal-";

    private const int ConcurrencyRetries = 5;
    private readonly TableClient _table = service.GetTableClient(StorageNames.SignaturesTable);

    /// <summary>The emails signatures are owed, as outbox rows in their partitions.</summary>
    public OutboxRows Outbox { get; } = new(service.GetTableClient(StorageNames.SignaturesTable), DedupeKeys.PartitionOf, DedupeKeys.PartitionsOf);

    /// <summary>
    /// Inserts the signature and its outbox row together, or neither (a flagged one without an outbox row). False when the person already
    /// signed: the storage conflict is the dedupe, so concurrent identical posts leave one row. A
    /// conflict after the SDK retried a write that had in fact committed is the same answer, and right.
    /// </summary>
    public async Task<bool> InsertIfAbsentAsync(SignatureRecord signature, CancellationToken cancellationToken)
    {
        // A flagged signature (over a rate limit) gets no email until an admin releases it: no outbox row.
        var emailed = signature.Flag is null;
        List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, SignatureRow(signature, emailRequests: emailed ? 1 : 0))];
        if (emailed)
            actions.Add(new(TableTransactionActionType.Add, Outbox.Row(new EmailRequest(signature.Campaign, signature.Key), signature.ReceivedAt)));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    /// <summary>A signature row as intake first writes it; a fresh start after a withdrawal carries on the email sequence.</summary>
    private static TableEntity SignatureRow(SignatureRecord signature, int emailRequests = 1, int lastSentSequence = 0) =>
        new(DedupeKeys.PartitionOf(signature.Campaign, signature.Key), signature.Key)
        {
            ["State"] = SignatureState.Unconfirmed.ToString(),
            ["Language"] = signature.Language.Code(),
            ["Source"] = signature.Source,
            ["Region"] = signature.Region,
            ["PostalPrefix"] = signature.PostalPrefix,
            ["ReceivedAt"] = signature.ReceivedAt,
            ["Personal"] = signature.ProtectedPersonalData,
            ["EmailRequests"] = emailRequests,
            ["LastEmailRequestedAt"] = signature.ReceivedAt,
            ["EmailsSent"] = 0,
            ["LastSentSequence"] = lastSentSequence,
            ["Flag"] = signature.Flag,
            ["IpHash"] = signature.IpHash,
            ["EmailDomainHash"] = signature.EmailDomainHash,
            ["SignedAt"] = signature.SignedAt,
            ["JournalRef"] = NewJournalRef(),
            ["LimitsDue"] = signature.LimitsDue,
        };

    /// <summary>
    /// A signature's journal rows are named by this random id rather than by its key, so once the row is
    /// re-keyed (<see cref="Unlinked"/>) nothing in the journal or its archive leads back to the person.
    /// </summary>
    private static string NewJournalRef() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public async Task<StoredSignature?> FindAsync(string campaign, string key, CancellationToken cancellationToken) =>
        await ReadAsync(campaign, key, cancellationToken) is { } row ? ToStored(campaign, row) : null;

    /// <summary>
    /// Every signature made from one address on a campaign: the address's own row and its household
    /// members' (<see cref="DedupeKeys.ForHouseholdMember"/>), in one range query within their partition.
    /// </summary>
    public async Task<List<StoredSignature>> HouseholdAsync(string campaign, string addressKey, CancellationToken cancellationToken)
    {
        // Member keys are "{address key}.{16 hex}"; '/' is the character after '.', so this range holds exactly the household.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {DedupeKeys.PartitionOf(campaign, addressKey)} and RowKey ge {addressKey} and RowKey lt {addressKey + "/"}");
        var household = new List<StoredSignature>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            household.Add(ToStored(campaign, row));
        return household;
    }

    /// <summary>
    /// Someone signed again (the insert found their row): a withdrawn signature starts over as a fresh
    /// one; otherwise another email is asked for, if one is due. The row is read once. Null when no
    /// email is owed.
    /// </summary>
    public async Task<EmailRequest?> RepeatAsync(SignatureRecord signature, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        if (await ReadAsync(signature.Campaign, signature.Key, cancellationToken) is not { } row) return null;
        if (!row.ContainsKey("Personal"))
        {
            // A row anonymised in place, before anonymisation moved rows to random keys, signing again once
            // reopened: the email needs the new details, and the next anonymisation must see them.
            row["Personal"] = signature.ProtectedPersonalData;
            row.Remove("AnonymisedAt");
        }
        return ToStored(signature.Campaign, row).State == SignatureState.Withdrawn
            ? await SignAgainAfterWithdrawalAsync(signature, row, cancellationToken)
            : await RequestAnotherEmailAsync(signature.Campaign, row, signature.ReceivedAt, cooldown, cancellationToken);
    }

    /// <summary>
    /// Asks for another email for someone who signed again, within <see cref="EmailAllowance"/>. The
    /// request is claimed with the row's ETag, so of many concurrent repeats at most one wins, and it is
    /// recorded in the outbox in the same batch. Null when no email is due.
    /// </summary>
    private async Task<EmailRequest?> RequestAnotherEmailAsync(
        string campaign, TableEntity row, DateTimeOffset now, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        var key = row.RowKey;
        if (EmailAllowance.ForRepeat(ToStored(campaign, row), now, cooldown) is not { } kind) return null;

        var sequence = row.GetInt32("EmailRequests")!.Value + 1;
        return await ClaimEmailAsync(row, new EmailRequest(campaign, key, sequence, kind), now, cancellationToken);
    }

    /// <summary>
    /// Claims an email request on a signature row read just before: the request counters move on, any
    /// failure record is cleared, and the outbox row is written, in one batch under the row's ETag. Null
    /// when the row changed meanwhile (another request won).
    /// </summary>
    private async Task<EmailRequest?> ClaimEmailAsync(TableEntity row, EmailRequest pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        row.Remove("EmailFailure");
        row.Remove("EmailFailedAt");
        row["EmailRequests"] = pending.Sequence;
        row["LastEmailRequestedAt"] = now;
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, Outbox.Row(pending, now)),
                ],
                cancellationToken);
            return pending;
        }
        catch (RequestFailedException lost) when (lost.Status == 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Confirms a signature and appends its journal row, in one batch. Idempotent: a confirmed
    /// signature is returned as it is, with no second journal row. Null if the signature is gone.
    /// </summary>
    public async Task<StoredSignature?> ConfirmAsync(string campaign, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return null;
            var signature = ToStored(campaign, row);
            // An invalidated or withdrawn signature stays so: opening its link again must not count it again.
            if (signature.State is SignatureState.Confirmed or SignatureState.Invalidated or SignatureState.Withdrawn) return signature;

            var confirm = new TableEntity(row.PartitionKey, row.RowKey) { ["State"] = SignatureState.Confirmed.ToString(), ["ConfirmedAt"] = now };
            var confirmed = signature with { State = SignatureState.Confirmed, ConfirmedAt = now };
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateMerge, confirm, row.ETag)];
            // A flagged signature is confirmed but not counted: no journal row until an admin releases it.
            if (confirmed.IsCounted) actions.Add(new(TableTransactionActionType.Add, JournalRow(confirmed, +1, now, "")));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return confirmed;
            }
            catch (RequestFailedException changed) when (changed.Status == 412 && attempt < ConcurrencyRetries)
            {
                // Someone else changed the row (another click, an email being recorded): read it again.
            }
        }
    }

    /// <summary>Records that the email with this sequence number went out.</summary>
    public Task RecordEmailSentAsync(string campaign, string key, int sequence, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, key, row => sequence <= (row.GetInt32("LastSentSequence") ?? 0)
            ? null
            : new TableEntity(row.PartitionKey, row.RowKey)
            {
                ["LastSentSequence"] = sequence,
                ["EmailsSent"] = (row.GetInt32("EmailsSent") ?? 0) + 1,
            }, cancellationToken);

    /// <summary>
    /// Records that a signature's rate limits were applied after intake (<see cref="SignatureRecord.LimitsDue"/>),
    /// so a retried email does not take another slot. Over a limit it is flagged as intake once flagged it: out of
    /// the count, and with no email requested until an admin releases it. A signature gone meanwhile needs nothing.
    /// </summary>
    public async Task SettleLimitsAsync(string campaign, string key, string? flag, CancellationToken cancellationToken)
    {
        var settled = new TableEntity(DedupeKeys.PartitionOf(campaign, key), key) { ["LimitsDue"] = false };
        if (flag is not null)
        {
            settled["Flag"] = flag;
            settled["EmailRequests"] = 0;
        }
        try
        {
            await _table.UpdateEntityAsync(settled, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
        }
    }

    /// <summary>Records why email to this signer failed for good (a refused address, or retries exhausted); no more is sent.</summary>
    public Task RecordEmailFailureAsync(string campaign, string key, string failure, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, key, row => new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["EmailFailure"] = failure,
            ["EmailFailedAt"] = at,
        }, cancellationToken);

    /// <summary>Every signature of a campaign confirmed before a time, read from the signatures themselves (nightly reconciliation).</summary>
    public async IAsyncEnumerable<JournalEntry> ConfirmedBeforeAsync(
        string campaign, DateTimeOffset before,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var confirmed = SignatureState.Confirmed.ToString();
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            // Signature row keys are hex, so they all sort below "g"; journal and outbox rows sort above.
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey lt {"g"} and State eq {confirmed} and ConfirmedAt lt {before}");
            // Flagged rows are skipped here rather than in the filter: older rows have no Flag property at all.
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["ConfirmedAt", "Source", "Region", "PostalPrefix", "Language", "Flag"], cancellationToken: cancellationToken))
                if (SignatureFlags.Normalize(row.GetString("Flag")) is null)
                    yield return new JournalEntry(1, row.GetDateTimeOffset("ConfirmedAt") ?? default, row.GetString("Source"),
                    row.GetString("Region"), row.GetString("PostalPrefix"), Languages.Parse(row.GetString("Language")) ?? Language.En);
        }
    }

    private async Task<TableEntity?> ReadAsync(string campaign, string key, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(DedupeKeys.PartitionOf(campaign, key), key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Read, change, write with the row's ETag; read again if someone else wrote first.</summary>
    private async Task UpdateAsync(string campaign, string key, Func<TableEntity, TableEntity?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return;
            if (change(row) is not { } update) return;
            try
            {
                await _table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException changed) when (changed.Status == 412 && attempt < ConcurrencyRetries)
            {
            }
        }
    }

    private static StoredSignature ToStored(string campaign, TableEntity row) => new(
        campaign,
        row.RowKey,
        Enum.TryParse<SignatureState>(row.GetString("State"), ignoreCase: true, out var state) ? state : SignatureState.Unconfirmed,
        Languages.Parse(row.GetString("Language")) ?? Language.En,
        row.GetString("Source"),
        row.GetString("Region"),
        row.GetString("PostalPrefix") ?? "",
        row.GetDateTimeOffset("ReceivedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("ConfirmedAt"),
        row.GetString("Personal") ?? "",
        row.GetInt32("EmailRequests") ?? 1,
        row.GetDateTimeOffset("LastEmailRequestedAt") ?? row.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        row.GetInt32("EmailsSent") ?? 0,
        row.GetInt32("LastSentSequence") ?? 0,
        row.GetString("EmailFailure"),
        SignatureFlags.Normalize(row.GetString("Flag")),
        row.GetDateTimeOffset("SignedAt"),
        row.GetString("JournalRef"),
        row.GetBoolean("LimitsDue") == true,
        row.GetString("IpHash"));

    // Admin: listing, invalidating and restoring signatures.

    /// <summary>Row-key suffix of the -1 journal row an invalidation appends, so it never collides with a +1 row.</summary>
    public const string InvalidationSuffix = "-x";

    /// <summary>Row-key suffix of the +1 journal row a restoration appends.</summary>
    public const string RestorationSuffix = "-r";

    /// <summary>
    /// Every signature row of a campaign (key, when received, when last modified), optionally only those
    /// in one state or modified since a time. One query per partition over the signature rows only (hex
    /// keys sort below "g"; journal and outbox rows above), three columns. The admin listing needs this
    /// one pass over the campaign's signatures to know total_records: acceptable for an admin screen, and
    /// never on a public path.
    /// </summary>
    public async IAsyncEnumerable<SignatureListing> ListingAsync(
        string campaign, SignatureState? state, DateTimeOffset? modifiedSince, string? source,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"g"}");
            if (state is { } wanted) filter += " and " + TableClient.CreateQueryFilter($"State eq {wanted.ToString()}");
            if (modifiedSince is { } since) filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {since}");
            if (source is not null) filter += " and " + TableClient.CreateQueryFilter($"Source eq {source}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ReceivedAt", "Timestamp"], cancellationToken: cancellationToken))
            {
                if (row.RowKey.Contains('-')) continue;
                var modified = row.Timestamp ?? DateTimeOffset.MinValue;
                yield return new SignatureListing(row.RowKey, row.GetDateTimeOffset("ReceivedAt") ?? modified, modified);
            }
        }
    }

    /// <summary>
    /// How many of a campaign's signature rows are in each state, flagged ones apart: one pass over the signature
    /// rows, one column, for an admin's dashboard (as <see cref="ListingAsync"/>, never on a public path).
    /// </summary>
    public async Task<Dictionary<string, int>> StateCountsAsync(string campaign, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"g"}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "State", "Flag"], cancellationToken: cancellationToken))
            {
                if (row.RowKey.Contains('-')) continue;
                var state = SignatureFlags.Normalize(row.GetString("Flag")) is null ? (row.GetString("State") ?? nameof(SignatureState.Unconfirmed)).ToLowerInvariant() : "flagged";
                counts[state] = counts.GetValueOrDefault(state) + 1;
            }
        }
        return counts;
    }

    /// <summary>A signature with the time its row was last written (the table's Timestamp), or null.</summary>
    public async Task<ModifiedSignature?> FindWithModifiedAsync(string campaign, string key, CancellationToken cancellationToken) =>
        await ReadAsync(campaign, key, cancellationToken) is { } row
            ? new ModifiedSignature(ToStored(campaign, row), row.Timestamp ?? DateTimeOffset.MinValue)
            : null;

    /// <summary>
    /// Marks a signature invalidated, remembering the state it had. A confirmed one also gets a journal
    /// row with Change -1 in the same batch, conditional on the row's ETag, so the next roll-up subtracts
    /// it. Idempotent: an invalidated signature is returned unchanged. Null if there is no such signature.
    /// </summary>
    /// <param name="operation">A bulk invalidation's id, written on the row (InvalidationOperation) so the operation can be undone.</param>
    public Task<ModifiedSignature?> InvalidateAsync(string campaign, string key, DateTimeOffset now, CancellationToken cancellationToken, string? operation = null) =>
        ChangeValidityAsync(campaign, key, now, invalidate: true, cancellationToken, operation);

    /// <summary>
    /// Puts an invalidated signature back in the state it had; a confirmed one gets a +1 journal row in
    /// the same batch. Idempotent: a signature that is not invalidated is returned unchanged.
    /// </summary>
    public Task<ModifiedSignature?> RestoreAsync(string campaign, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeValidityAsync(campaign, key, now, invalidate: false, cancellationToken);

    private async Task<ModifiedSignature?> ChangeValidityAsync(
        string campaign, string key, DateTimeOffset now, bool invalidate, CancellationToken cancellationToken, string? operation = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return null;
            var signature = ToStored(campaign, row);
            if (invalidate == (signature.State == SignatureState.Invalidated))
                return new ModifiedSignature(signature, row.Timestamp ?? DateTimeOffset.MinValue);

            var update = new TableEntity(row.PartitionKey, row.RowKey);
            SignatureState next;
            if (invalidate)
            {
                next = SignatureState.Invalidated;
                update["StateBeforeInvalidation"] = signature.State.ToString();
                update["InvalidatedAt"] = now;
                if (operation is not null) update["InvalidationOperation"] = operation;
            }
            else
            {
                next = Enum.TryParse<SignatureState>(row.GetString("StateBeforeInvalidation"), ignoreCase: true, out var before)
                       && before != SignatureState.Invalidated
                    ? before
                    : signature.ConfirmedAt is null ? SignatureState.Unconfirmed : SignatureState.Confirmed;
                update["RestoredAt"] = now;
            }
            update["State"] = next.ToString();

            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateMerge, update, row.ETag)];
            if (invalidate && signature.IsCounted)
                actions.Add(new(TableTransactionActionType.Add, JournalRow(signature, -1, now, InvalidationSuffix)));
            else if (!invalidate && (signature with { State = next }).IsCounted)
                actions.Add(new(TableTransactionActionType.Add, JournalRow(signature, +1, now, RestorationSuffix)));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return await FindWithModifiedAsync(campaign, key, cancellationToken);
            }
            catch (RequestFailedException changed) when (changed.Status is 412 or 409 && attempt < ConcurrencyRetries)
            {
                // 412: someone else changed the row first; read it again. 409: a journal row of this very
                // tick exists (invalidated, restored and invalidated within 100 ns): move on a tick.
                now = now.AddTicks(1);
            }
        }
    }

    /// <summary>A journal row shaped like the one <see cref="ConfirmAsync"/> writes, with its own change and row-key suffix.</summary>
    private static TableEntity JournalRow(StoredSignature signature, int change, DateTimeOffset at, string suffix) =>
        new(DedupeKeys.PartitionOf(signature.Campaign, signature.Key), $"{JournalPrefix}{at.UtcTicks:D19}-{signature.JournalName}{suffix}")
        {
            ["Campaign"] = signature.Campaign,
            ["JournalRef"] = signature.JournalName,
            ["Change"] = change,
            ["At"] = at,
            ["Source"] = signature.Source,
            ["Region"] = signature.Region,
            ["PostalPrefix"] = signature.PostalPrefix,
            ["Language"] = signature.Language.Code(),
        };
}
