using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

public sealed partial class SignatureTable
{
    /// <summary>Row-key suffix of the +1 journal row a release appends.</summary>
    public const string ReleaseSuffix = "-f";

    /// <summary>
    /// Clears a signature's flag. A confirmed one gets its +1 journal row in the same batch, conditional on
    /// the row's ETag, so it counts from the next roll-up; one that intake stored without its confirmation
    /// email gets that email's outbox row, and the email is returned for the caller to queue. Idempotent: an
    /// unflagged signature is returned unchanged. Null if there is no such signature.
    /// </summary>
    public async Task<Release?> ReleaseAsync(string campaign, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return null;
            var signature = ToStored(campaign, row);
            if (signature.Flag is null) return new Release(new ModifiedSignature(signature, row.Timestamp ?? DateTimeOffset.MinValue), null);

            // A merge cannot remove a property, so the row is replaced without its flag.
            var released = new TableEntity(row.PartitionKey, row.RowKey);
            foreach (var (name, value) in row)
                if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "Flag") && !name.StartsWith("odata.", StringComparison.Ordinal))
                    released[name] = value;
            released["ReleasedFlag"] = signature.Flag;
            released["ReleasedAt"] = now;
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, released, row.ETag)];
            if ((signature with { Flag = null }).IsCounted)
                actions.Add(new(TableTransactionActionType.Add, JournalRow(signature, +1, now, ReleaseSuffix)));
            EmailRequest? owed = null;
            if (signature is { State: SignatureState.Unconfirmed, EmailRequests: 0 })
            {
                owed = new EmailRequest(campaign, key);
                released["EmailRequests"] = owed.Sequence;
                released["LastEmailRequestedAt"] = now;
                actions.Add(new(TableTransactionActionType.UpsertReplace, Outbox.Row(owed, now)));
            }
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return await FindWithModifiedAsync(campaign, key, cancellationToken) is { } after ? new Release(after, owed) : null;
            }
            catch (RequestFailedException changed) when (changed.Status is 412 or 409 && attempt < ConcurrencyRetries)
            {
                now = now.AddTicks(1);
            }
        }
    }
}

/// <summary>A signature after its release, and the confirmation email it is owed now, if intake held it back.</summary>
public sealed record Release(ModifiedSignature Signature, EmailRequest? Owed);
