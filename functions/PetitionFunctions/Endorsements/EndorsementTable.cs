using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The Endorsements table. One partition per letter (its slug: letters gather hundreds of endorsements,
/// not millions, and one partition lets every change be one atomic batch). Row keys:
/// <list type="bullet">
/// <item>"org-{sha256 of canonical name|domain}": an organisation's endorsement (its signer's keyed hashes in
/// "SignerKey" and "SignerPhoneKey", as on a change row, so an erasure finds the signer without decrypting);</item>
/// <item>"person-{dedupe key}": an individual leader's, keyed by the HMAC of their email as signatures are;</item>
/// <item>"change-{endorsement key}": a later submission for the same endorser, waiting for an admin;</item>
/// <item>"outbox-{endorsement key}": a confirmation email whose queue message may not have been sent yet.</item>
/// </list>
/// </summary>
public sealed partial class EndorsementTable(TableServiceClient service)
{
    public const string OrganizationPrefix = "org-";
    public const string PersonPrefix = "person-";
    private const string ChangePrefix = "change-";
    private const int ConcurrencyRetries = 5;

    private readonly TableClient _table = service.GetTableClient(StorageNames.EndorsementsTable);

    /// <summary>The emails endorsements are owed, as outbox rows beside them in the letter's partition.</summary>
    public OutboxRows Outbox { get; } = new(service.GetTableClient(StorageNames.EndorsementsTable), (campaign, _) => campaign, campaign => [campaign]);

    public static bool IsEndorsementKey(string key) =>
        (key.StartsWith(OrganizationPrefix, StringComparison.Ordinal) || key.StartsWith(PersonPrefix, StringComparison.Ordinal))
        && key.Length <= 80 && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>
    /// Inserts the endorsement and its outbox row together, or neither. False when this endorser already
    /// has an endorsement on the letter: the storage conflict is the dedupe, so concurrent posts leave one row.
    /// </summary>
    public async Task<bool> InsertIfAbsentAsync(EndorsementRecord record, CancellationToken cancellationToken)
    {
        var row = new TableEntity(record.Campaign, record.Key)
        {
            ["Kind"] = record.Kind.ToString(),
            ["CanonicalName"] = record.CanonicalName,
            ["Domain"] = record.Domain,
            ["DomainMatches"] = record.DomainMatches,
            ["ListPublicly"] = record.ListPublicly,
            ["Language"] = record.Language.Code(),
            ["Source"] = record.Source,
            ["ReceivedAt"] = record.ReceivedAt,
            ["State"] = EndorsementState.Unconfirmed.ToString(),
            ["Moderation"] = ModerationState.Pending.ToString(),
            ["Personal"] = record.ProtectedDetails,
            ["EmailsSent"] = 0,
            ["Flag"] = record.Flag,
            ["SignerKey"] = record.Signer?.Email,
            ["SignerPhoneKey"] = record.Signer?.Phone,
        };
        WriteOrganization(row, record.Organization);
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.Add, Outbox.Row(new EmailRequest(record.Campaign, record.Key), record.ReceivedAt)),
                ],
                cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Keeps a later submission for an existing endorsement as its pending change (the latest one wins) and flags the endorsement.</summary>
    public async Task SavePendingChangeAsync(string campaign, string key, PendingChange change, CancellationToken cancellationToken)
    {
        var row = new TableEntity(campaign, ChangePrefix + key)
        {
            ["Document"] = JsonSerializer.Serialize(change with { ProtectedDetails = "", Signer = null }, ApiJson.Options),
            ["Personal"] = change.ProtectedDetails,
            ["ReceivedAt"] = change.ReceivedAt,
            ["SignerKey"] = change.Signer?.Email,
            ["SignerPhoneKey"] = change.Signer?.Phone,
        };
        var flag = new TableEntity(campaign, key) { ["HasPendingChange"] = true };
        await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, flag, ETag.All),
            ],
            cancellationToken);
    }

    public async Task<StoredEndorsement?> FindAsync(string campaign, string key, CancellationToken cancellationToken)
    {
        if (!IsEndorsementKey(key)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, key, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var change = row.Value!.GetBoolean("HasPendingChange") == true
            ? await _table.GetEntityIfExistsAsync<TableEntity>(campaign, ChangePrefix + key, cancellationToken: cancellationToken)
            : null;
        return ToStored(row.Value, change is { HasValue: true } ? ToChange(change.Value!) : null);
    }

    /// <summary>Every endorsement of a letter with its pending change: one query of the letter's partition.</summary>
    public async Task<IReadOnlyList<StoredEndorsement>> ListAsync(string campaign, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var changes = new Dictionary<string, PendingChange>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == campaign, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(ChangePrefix, StringComparison.Ordinal)) changes[row.RowKey[ChangePrefix.Length..]] = ToChange(row);
            else if (IsEndorsementKey(row.RowKey)) rows.Add(row);
        }
        return rows.Select(row => ToStored(row, row.GetBoolean("HasPendingChange") == true ? changes.GetValueOrDefault(row.RowKey) : null)).ToList();
    }

    /// <summary>
    /// Deletes an individual leader's endorsement for good, with its pending change and outbox rows (an
    /// erasure: a public endorsement cannot be kept without the name that makes it). False if there was none.
    /// </summary>
    public async Task<bool> DeleteIndividualAsync(string campaign, string dedupeKey, CancellationToken cancellationToken)
    {
        var key = PersonPrefix + dedupeKey;
        if (!IsEndorsementKey(key)) return false;
        await _table.DeleteEntityAsync(campaign, ChangePrefix + key, ETag.All, cancellationToken);
        await Outbox.DeleteAsync(campaign, key, cancellationToken);
        var deleted = await _table.DeleteEntityAsync(campaign, key, ETag.All, cancellationToken);
        return deleted.Status != 404;
    }

    /// <summary>Confirms an endorsement. Idempotent: a confirmed one is returned as it is. Null if it is gone.</summary>
    public async Task<StoredEndorsement?> ConfirmAsync(string campaign, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        await UpdateAsync(campaign, key, stored => stored.State == EndorsementState.Confirmed
            ? null
            : new TableEntity(campaign, key) { ["State"] = EndorsementState.Confirmed.ToString(), ["ConfirmedAt"] = now }, cancellationToken);

    /// <summary>Sets the admin's decision. Null if there is no such endorsement.</summary>
    public Task<StoredEndorsement?> ModerateAsync(string campaign, string key, ModerationState state, string? by, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, key, stored => stored.Moderation == state
            ? null
            : new TableEntity(campaign, key) { ["Moderation"] = state.ToString(), ["ModeratedAt"] = now, ["ModeratedBy"] = by }, cancellationToken);

    /// <summary>
    /// Applies or discards the pending change, in one batch with removing it. Applying replaces the public
    /// details, the signer and the consent, and keeps the moderation decision (the admin just reviewed the change).
    /// </summary>
    public async Task<StoredEndorsement?> ResolveChangeAsync(string campaign, string key, bool apply, Func<PendingChange, string> reprotect,
        CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, key, cancellationToken: cancellationToken);
        var changeRow = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, ChangePrefix + key, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        if (!changeRow.HasValue) return ToStored(row.Value!, null);
        var change = ToChange(changeRow.Value!);
        var update = new TableEntity(campaign, key) { ["HasPendingChange"] = false };
        if (apply)
        {
            update["Personal"] = reprotect(change);
            update["ListPublicly"] = change.ListPublicly;
            update["Language"] = change.Language.Code();
            // A new signer has confirmed nothing: the endorsement stays domain-verified only if the signer is the same.
            var sameSigner = change.Organization is null || (row.Value!.GetString("SignerKey") is { Length: > 0 } signer && signer == change.Signer?.Email);
            update["DomainMatches"] = change.DomainMatches && sameSigner;
            WriteOrganization(update, change.Organization);
            if (change.Organization is not null)
            {
                // The new signer's keys replace the old one's (Merge cannot remove a column: "" is none).
                update["SignerKey"] = change.Signer?.Email ?? "";
                update["SignerPhoneKey"] = change.Signer?.Phone ?? "";
            }
        }
        await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, update, row.Value!.ETag),
                new TableTransactionAction(TableTransactionActionType.Delete, changeRow.Value!, changeRow.Value!.ETag),
            ],
            cancellationToken);
        return await FindAsync(campaign, key, cancellationToken);
    }

    public Task RecordEmailSentAsync(string campaign, string key, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, key, stored => stored.EmailsSent > 0
            ? null
            : new TableEntity(campaign, key) { ["EmailsSent"] = stored.EmailsSent + 1 }, cancellationToken);

    public Task RecordEmailFailureAsync(string campaign, string key, string failure, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(campaign, key, _ => new TableEntity(campaign, key) { ["EmailFailure"] = failure, ["EmailFailedAt"] = at }, cancellationToken);

    private static void WriteOrganization(TableEntity row, OrganizationProfile? organization)
    {
        if (organization is null) return;
        row["Name"] = organization.Name;
        row["Website"] = organization.Website;
        row["Scope"] = organization.Scope.ToString();
        row["Locality"] = organization.Locality;
        row["Region"] = organization.Region;
        row["LegalStatus"] = organization.LegalStatus;
        row["LogoUrl"] = organization.LogoUrl;
    }

    /// <summary>Read, change, write with the row's ETag; read again if someone else wrote first. Returns the endorsement as it ends up.</summary>
    private async Task<StoredEndorsement?> UpdateAsync(string campaign, string key, Func<StoredEndorsement, TableEntity?> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var read = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, key, cancellationToken: cancellationToken);
            if (!read.HasValue) return null;
            var stored = ToStored(read.Value!, null);
            if (change(stored) is not { } update) return stored;
            try
            {
                var response = await _table.UpdateEntityAsync(update, read.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                foreach (var (name, value) in update) read.Value![name] = value;
                return ToStored(read.Value!, null);
            }
            catch (RequestFailedException changed) when (changed.Status == 412 && attempt < ConcurrencyRetries)
            {
            }
        }
    }

    private static PendingChange ToChange(TableEntity row) =>
        JsonSerializer.Deserialize<PendingChange>(row.GetString("Document"), ApiJson.Options)! with
        {
            ProtectedDetails = row.GetString("Personal") ?? "",
            Signer = SignerKeysOf(row),
        };

    private static SignerKeys? SignerKeysOf(TableEntity row) =>
        row.GetString("SignerKey") is { Length: > 0 } email
            ? new SignerKeys(email, row.GetString("SignerPhoneKey") is { Length: > 0 } phone ? phone : null)
            : null;

    private static StoredEndorsement ToStored(TableEntity row, PendingChange? change)
    {
        var kind = Enum.TryParse<EndorserKind>(row.GetString("Kind"), out var k) ? k : EndorserKind.Organization;
        OrganizationProfile? organization = kind == EndorserKind.Organization
            ? new OrganizationProfile(row.GetString("Name") ?? "", row.GetString("Website") ?? "",
                Enum.TryParse<EndorsementScope>(row.GetString("Scope"), out var scope) ? scope : EndorsementScope.Local,
                row.GetString("Locality"), row.GetString("Region"), row.GetString("LegalStatus"), row.GetString("LogoUrl"))
            : null;
        return new StoredEndorsement(
            row.PartitionKey,
            row.RowKey,
            kind,
            organization,
            row.GetString("Domain"),
            row.GetBoolean("DomainMatches") ?? false,
            row.GetBoolean("ListPublicly") ?? false,
            Languages.Parse(row.GetString("Language")) ?? Language.En,
            row.GetString("Source"),
            row.GetDateTimeOffset("ReceivedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue,
            Enum.TryParse<EndorsementState>(row.GetString("State"), out var state) ? state : EndorsementState.Unconfirmed,
            row.GetDateTimeOffset("ConfirmedAt"),
            Enum.TryParse<ModerationState>(row.GetString("Moderation"), out var moderation) ? moderation : ModerationState.Pending,
            row.GetDateTimeOffset("ModeratedAt"),
            row.GetString("Personal") ?? "",
            row.GetInt32("EmailsSent") ?? 0,
            row.GetString("EmailFailure"),
            change,
            row.GetString("Flag"));
    }
}
