using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Submissions;

/// <summary>Whether a signature is over its campaign's limits, and if so when the address may sign again.</summary>
public sealed record RateLimitVerdict(bool Over, TimeSpan RetryAfter)
{
    public static readonly RateLimitVerdict Under = new(false, TimeSpan.Zero);
}

/// <summary>
/// Applies a campaign's rate limits to a client address: each rule takes a slot in its current window,
/// all rules in one batch (one partition), so the usual signature costs one storage request; when a
/// slot is held already, each rule then looks for its next free slot on its own. Per instance it remembers the
/// next slot that may be free in each window: slots are never given back within a window, so starting
/// there is still exact, and an address already over a limit costs no storage at all on this instance.
/// </summary>
public sealed class RateLimiter(RateLimitTable table, TimeProvider time, IOptions<IntakeOptions> options, ILogger<RateLimiter> log)
{
    private const int HintsKeptBeforePruning = 20_000;
    private readonly ConcurrentDictionary<string, (long WindowEnd, int NextSlot)> _nextSlots = new(StringComparer.Ordinal);

    /// <summary>The campaign's own rules, else the configured ones (none when they are switched off), else <see cref="RateLimitRule.Defaults"/>.</summary>
    public IReadOnlyList<RateLimitRule> RulesFor(Campaign campaign) =>
        campaign.RateLimits
        ?? (options.Value.NoDefaultRateLimits ? []
            : options.Value.RateLimits is { Count: > 0 } configured ? configured : RateLimitRule.Defaults);

    /// <summary>Whether the campaign has any rule to apply.</summary>
    public bool Applies(Campaign campaign) => RulesFor(campaign).Any(rule => rule.IsValid);

    /// <param name="addressHash">The client address's keyed hash (<see cref="SenderHashes.ForAddress"/>); null when the address is unknown, and then no limit applies.</param>
    public async Task<RateLimitVerdict> CheckAsync(Campaign campaign, string? addressHash, CancellationToken cancellationToken)
    {
        // Rules of one window length would share its slots; the strictest of them is the one that binds.
        var rules = RulesFor(campaign).Where(rule => rule.IsValid)
            .GroupBy(rule => rule.WindowSeconds).Select(same => same.MinBy(rule => rule.Count)!).ToList();
        if (rules.Count == 0) return RateLimitVerdict.Under;
        if (addressHash is null)
        {
            log.LogWarning("A submission for {Campaign} came with no client address; rate limits were not applied.", campaign.Slug);
            return RateLimitVerdict.Under;
        }
        var partition = $"{campaign.Slug}:{addressHash}";
        var now = time.GetUtcNow();
        var windows = rules.Select(rule => Window.Of(partition, rule, now)).ToList();
        if (windows.All(w => NextSlot(w) < w.Rule.Count)
            && await table.TryTakeAllAsync(partition, windows.Select(w => (w.Prefix + NextSlot(w), w.ExpiresAt)).ToList(), cancellationToken))
        {
            foreach (var window in windows) Remember(window, NextSlot(window) + 1, now);
            return RateLimitVerdict.Under;
        }
        var waits = await Task.WhenAll(windows.Select(window => TakeSlotAsync(partition, window, now, cancellationToken)));
        var over = waits.OfType<TimeSpan>().ToList();
        return over.Count == 0 ? RateLimitVerdict.Under : new RateLimitVerdict(true, over.Max());
    }

    /// <summary>One rule's current fixed window for one partition: its row-key prefix, its end, and the key of its hint.</summary>
    private sealed record Window(RateLimitRule Rule, string Prefix, DateTimeOffset ExpiresAt, string HintKey)
    {
        public static Window Of(string partition, RateLimitRule rule, DateTimeOffset now)
        {
            var seconds = now.ToUnixTimeSeconds();
            var start = seconds - seconds % rule.WindowSeconds;
            var prefix = $"{rule.WindowSeconds}-{start}-";
            return new Window(rule, prefix, DateTimeOffset.FromUnixTimeSeconds(start + rule.WindowSeconds), partition + "/" + prefix);
        }
    }

    private int NextSlot(Window window) => _nextSlots.TryGetValue(window.HintKey, out var hint) ? hint.NextSlot : 0;

    /// <returns>Null when a slot was taken; otherwise how long until this window ends.</returns>
    private async Task<TimeSpan?> TakeSlotAsync(string partition, Window window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var slot = NextSlot(window); slot < window.Rule.Count; slot++)
        {
            if (await table.TryTakeAsync(partition, window.Prefix + slot, window.ExpiresAt, cancellationToken))
            {
                Remember(window, slot + 1, now);
                return null;
            }
        }
        Remember(window, window.Rule.Count, now);
        return window.ExpiresAt - now;
    }

    private void Remember(Window window, int nextSlot, DateTimeOffset now)
    {
        var windowEnd = window.ExpiresAt.ToUnixTimeSeconds();
        _nextSlots.AddOrUpdate(window.HintKey, (windowEnd, nextSlot), (_, known) => (windowEnd, Math.Max(known.NextSlot, nextSlot)));
        if (_nextSlots.Count <= HintsKeptBeforePruning) return;
        var nowSeconds = now.ToUnixTimeSeconds();
        foreach (var (key, value) in _nextSlots)
            if (value.WindowEnd <= nowSeconds) _nextSlots.TryRemove(key, out _);
        // Hints only save storage calls: if a flood of live windows still fills the memory, forget them all.
        if (_nextSlots.Count > HintsKeptBeforePruning) _nextSlots.Clear();
    }
}
