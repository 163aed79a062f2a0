using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PetitionFunctions.Common;

namespace PetitionFunctions.Email;

/// <summary>The app-wide email budget: at most <see cref="PerMinute"/> emails to signers, endorsers and writers a minute (0: no budget).</summary>
/// <param name="Source">"admin" when an admin set it, "configuration" when it is Email:PerMinute.</param>
public sealed record EmailBudget(int PerMinute, string Source, DateTimeOffset? ChangedAt = null, string? ChangedBy = null);

/// <summary>
/// Whether one more email fits this minute's budget, and if not, when to try it. Emails turned away are
/// spread over the minutes ahead in the order they came (the n-th turned away in a minute gets the slot
/// n places after the budget's end), so a backlog drains at the budget's pace instead of the whole of it
/// coming back at the next minute.
/// </summary>
public static class SendingBudgetRule
{
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <returns>Null to send now, or the time to try again.</returns>
    public static DateTimeOffset? Judge(int perMinute, int sentThisMinute, int deferredThisMinute, DateTimeOffset minuteStart)
    {
        if (perMinute <= 0 || sentThisMinute < perMinute) return null;
        var minutesAhead = 1 + deferredThisMinute / perMinute;
        var withinMinute = TimeSpan.FromTicks(Minute.Ticks / perMinute * (deferredThisMinute % perMinute));
        return minuteStart + minutesAhead * Minute + withinMinute;
    }

    public static DateTimeOffset MinuteOf(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % Minute.Ticks, TimeSpan.Zero);

    /// <summary>Emails a minute one counter row keeps: about ten a second, so no row is fought over by many instances at once.</summary>
    public const int PerCounterRow = 600;

    public const int MaxCounterRows = 32;

    /// <summary>How many counter rows a minute's budget is split into: one per <see cref="PerCounterRow"/>, at least one.</summary>
    public static int CounterRowsFor(int perMinute) => Math.Clamp((perMinute + PerCounterRow - 1) / PerCounterRow, 1, MaxCounterRows);

    /// <summary>One counter row's share of the minute's budget: the shares add up to the budget exactly.</summary>
    public static int ShareOf(int perMinute, int rows, int row) => perMinute / rows + (row < perMinute % rows ? 1 : 0);
}

/// <summary>
/// Keeps the email budget across instances (Azure Communication Services' quotas are per resource, not per
/// instance): the budget itself in the Settings table (an admin's value, else Email:PerMinute), and a minute's
/// counter in the RateLimits table, written under its ETag, removed by the rate-limit sweep. A large budget's
/// counter is split over rows in partitions of their own (<see cref="SendingBudgetRule.CounterRowsFor"/>), each
/// keeping its share, and an email draws on one at random: a raised quota of thousands a minute is not one row
/// every instance fights over. Near the end of a minute an email may then wait while another row has room;
/// the budget is never exceeded.
/// Deliveries to targets do not draw on it: they are few, and must not wait behind a backlog of confirmations.
/// </summary>
public sealed class SendingBudget(TableServiceClient service, IOptions<EmailOptions> options, TimeProvider time)
{
    private const int ConcurrencyRetries = 10;
    private const string SettingPartition = "email";
    private const string SettingRow = "budget";
    private const string CounterPartition = "email-budget";
    private static readonly TimeSpan SettingCache = TimeSpan.FromSeconds(30);
    private readonly TableClient _settings = service.GetTableClient(StorageNames.SettingsTable);
    private readonly TableClient _counters = service.GetTableClient(StorageNames.RateLimitsTable);
    private sealed record Cached(EmailBudget Budget, DateTimeOffset ReadAt);

    // One reference, swapped whole: every instance thread reads a budget with its own read time.
    private volatile Cached? _cached;

    public async Task<EmailBudget> FindAsync(CancellationToken cancellationToken)
    {
        var row = await _settings.GetEntityIfExistsAsync<TableEntity>(SettingPartition, SettingRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetInt32("PerMinute") is { } perMinute
            ? new EmailBudget(perMinute, "admin", row.Value.GetDateTimeOffset("ChangedAt"), row.Value.GetString("ChangedBy"))
            : new EmailBudget(options.Value.PerMinute, "configuration");
    }

    public async Task<EmailBudget> SaveAsync(int perMinute, string actor, CancellationToken cancellationToken)
    {
        var budget = new EmailBudget(perMinute, "admin", time.GetUtcNow(), actor);
        await _settings.UpsertEntityAsync(new TableEntity(SettingPartition, SettingRow)
        {
            ["PerMinute"] = perMinute,
            ["ChangedAt"] = budget.ChangedAt,
            ["ChangedBy"] = actor,
        }, TableUpdateMode.Replace, cancellationToken);
        _cached = new Cached(budget, time.GetUtcNow());
        return budget;
    }

    /// <returns>Null to send now, or when to try the email again.</returns>
    public async Task<DateTimeOffset?> TakeAsync(CancellationToken cancellationToken)
    {
        var budget = await CurrentAsync(cancellationToken);
        if (budget.PerMinute <= 0) return null;
        var rows = SendingBudgetRule.CounterRowsFor(budget.PerMinute);
        var share = Random.Shared.Next(rows);
        var partition = rows == 1 ? CounterPartition : $"{CounterPartition}-{share}";
        for (var attempt = 0; ; attempt++)
        {
            var minute = SendingBudgetRule.MinuteOf(time.GetUtcNow());
            var row = minute.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
            var stored = await _counters.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            int sent = stored.HasValue ? stored.Value!.GetInt32("Sent") ?? 0 : 0, deferred = stored.HasValue ? stored.Value!.GetInt32("Deferred") ?? 0 : 0;
            var later = SendingBudgetRule.Judge(SendingBudgetRule.ShareOf(budget.PerMinute, rows, share), sent, deferred, minute);
            var counter = new TableEntity(partition, row)
            {
                ["Sent"] = later is null ? sent + 1 : sent,
                ["Deferred"] = later is null ? deferred : deferred + 1,
                ["ExpiresAt"] = minute + 2 * SendingBudgetRule.Minute,
            };
            try
            {
                if (stored.HasValue) await _counters.UpdateEntityAsync(counter, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await _counters.AddEntityAsync(counter, cancellationToken);
                return later;
            }
            catch (RequestFailedException lost) when (lost.Status is 409 or 412)
            {
                // Many instances at once on one row: past a few tries, wait a moment rather than spin.
                if (attempt >= ConcurrencyRetries) return time.GetUtcNow() + TimeSpan.FromSeconds(1 + Random.Shared.Next(5));
            }
        }
    }

    private async Task<EmailBudget> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - cached.ReadAt < SettingCache) return cached.Budget;
        var budget = await FindAsync(cancellationToken);
        _cached = new Cached(budget, time.GetUtcNow());
        return budget;
    }
}
