using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PetitionFunctions.Common;

/// <summary>
/// Values read from storage and held in memory per instance for a while, by key: the public read
/// models and the intake switch. Concurrent misses share one read. When a refresh finds storage
/// down, the last good value is served (what <c>stale-if-error</c> promises to caches); with nothing
/// to serve, the failure goes to the caller. A read that finds nothing is not remembered, so made-up
/// keys cannot fill the memory.
/// </summary>
/// <param name="what">What the values are, for the log ("campaign", "endorsement list"...).</param>
public sealed class ReadThroughCache<T>(TimeProvider time, TimeSpan lifetime, ILogger log, string what) where T : class
{
    private sealed class Entry
    {
        public T? Value;
        public DateTimeOffset FetchedAt;
        public Task<T?>? Refresh;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T?> GetAsync(string key, Func<Task<T?>> read)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        Task<T?> refresh;
        lock (entry)
        {
            if (entry.Value is not null && time.GetUtcNow() - entry.FetchedAt < lifetime) return entry.Value;
            // Run apart from the caller, so one reader hanging up does not cancel the read others wait for.
            refresh = entry.Refresh ??= Task.Run(() => RefreshAsync(key, entry, read));
        }
        return await refresh;
    }

    /// <summary>Holds a value this instance has just written, so it sees its own change at once.</summary>
    public void Set(string key, T value)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            entry.Value = value;
            entry.FetchedAt = time.GetUtcNow();
        }
    }

    /// <summary>Drops this instance's copy after a change, so the next read goes to storage.</summary>
    public void Forget(string key) => _entries.TryRemove(key, out _);

    private async Task<T?> RefreshAsync(string key, Entry entry, Func<Task<T?>> read)
    {
        try
        {
            var value = await read();
            lock (entry)
            {
                entry.Value = value;
                entry.FetchedAt = time.GetUtcNow();
                entry.Refresh = null;
            }
            if (value is null) _entries.TryRemove(key, out _);
            return value;
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e) && entry.Value is not null)
        {
            log.LogWarning("Storage was unavailable refreshing the {What} {Key} ({Failure}); serving the last good copy.", what, key, e.GetType().Name);
            lock (entry) entry.Refresh = null;
            return entry.Value;
        }
        catch
        {
            lock (entry) entry.Refresh = null;
            throw;
        }
    }
}
