using Azure;
using Azure.Data.Tables;

namespace PetitionFunctions.Signatures;

public sealed partial class SignatureTable
{
    /// <summary>
    /// How many rounds of queue tries an outbox row's email has used up before this one, or null when
    /// the row is gone (its email was handled) or a newer request replaced it.
    /// </summary>
    public async Task<int?> FailedRoundsAsync(PendingConfirmation handled, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(
            DedupeKeys.PartitionOf(handled.Campaign, handled.SignatureKey), OutboxPrefix + handled.SignatureKey, cancellationToken: cancellationToken);
        if (!row.HasValue || (row.Value!.GetInt32("Sequence") ?? 1) != handled.Sequence) return null;
        return row.Value.GetInt32("FailedRounds") ?? 0;
    }

    /// <summary>Parks an outbox row until the relay should send its message again, counting the round that failed.</summary>
    public Task ParkOutboxAsync(PendingConfirmation pending, int failedRounds, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(new TableEntity(DedupeKeys.PartitionOf(pending.Campaign, pending.SignatureKey), OutboxPrefix + pending.SignatureKey)
        {
            ["DueAt"] = dueAt,
            ["FailedRounds"] = failedRounds,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>
    /// An admin asks for the confirmation email again, for an unconfirmed signature whose email failed
    /// or never arrived: the failure record is cleared and a new request is claimed with the row's ETag,
    /// with its outbox row, in one batch. Never past <see cref="EmailAllowance.MaxEmailsPerSignature"/>.
    /// Null when the signature is not unconfirmed, has had its emails, or changed meanwhile.
    /// </summary>
    public async Task<PendingConfirmation?> RequestResendAsync(string campaign, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return null;
        var signature = ToStored(campaign, row);
        // An anonymised signature has no address left to write to.
        if (signature.State != SignatureState.Unconfirmed || signature.EmailsSent >= EmailAllowance.MaxEmailsPerSignature
            || string.IsNullOrEmpty(signature.ProtectedPersonalData)) return null;

        var sequence = Math.Max(signature.EmailRequests, signature.LastSentSequence) + 1;
        return await ClaimEmailAsync(row, new PendingConfirmation(campaign, key, sequence), now, cancellationToken);
    }
}
