using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PetitionFunctions.Common;

namespace PetitionFunctions.Email;

/// <summary>
/// Keeps <see cref="MailboxLimits"/> across instances: one row per inbox in the RateLimits table, keyed by
/// a purpose-bound HMAC of <see cref="EmailAddresses.Mailbox"/>, holding the times of the last day's sends
/// and written under its ETag, so two instances cannot both spend the last share. The row expires a day
/// after its last send and the rate-limit sweep removes it.
/// </summary>
public sealed class MailboxAllowance(TableServiceClient service, IOptions<PetitionSecrets> secrets, IOptions<EmailOptions> options, TimeProvider time)
{
    private const int ConcurrencyRetries = 5;
    private const string Row = "mailbox";
    private readonly TableClient _table = service.GetTableClient(StorageNames.RateLimitsTable);
    private readonly byte[] _key = secrets.Value.DedupeKeyBytes();
    private readonly MailboxLimits _limits = new(options.Value.MailboxPerTenMinutes, options.Value.MailboxPerDay);

    /// <param name="idempotencyKey">The email's own key: taking a share for the same email again changes nothing.</param>
    public async Task<MailboxVerdict> TakeAsync(string address, string idempotencyKey, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(address);
        var email = Hash("mailbox-email:" + idempotencyKey)[..12];
        for (var attempt = 0; ; attempt++)
        {
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, Row, cancellationToken: cancellationToken);
            var now = time.GetUtcNow();
            var earlier = stored.HasValue ? SendsOf(stored.Value!).ToList() : [];
            var verdict = _limits.Judge(earlier, email, now);
            if (verdict is not MailboxVerdict.Send send || send.Sends.Count == earlier.Count) return verdict;
            var row = new TableEntity(partition, Row)
            {
                ["Sends"] = string.Join(",", send.Sends.Select(sent => $"{sent.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{sent.Email}")),
                ["ExpiresAt"] = now + MailboxLimits.Day,
            };
            try
            {
                if (stored.HasValue) await _table.UpdateEntityAsync(row, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await _table.AddEntityAsync(row, cancellationToken);
                return verdict;
            }
            catch (RequestFailedException lost) when (lost.Status is 409 or 412 && attempt < ConcurrencyRetries)
            {
            }
        }
    }

    /// <summary>Forgets an inbox's sends at once (an erasure), rather than a day after the last one.</summary>
    public async Task ForgetAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(PartitionOf(address), Row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
        }
    }

    private string PartitionOf(string address) => "mailbox:" + Hash("mailbox-volume:" + EmailAddresses.Mailbox(address))[..32];

    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    private static IEnumerable<MailboxSend> SendsOf(TableEntity row)
    {
        foreach (var entry in (row.GetString("Sends") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
                yield return new MailboxSend(DateTimeOffset.FromUnixTimeMilliseconds(ms), parts[1]);
        }
    }
}
