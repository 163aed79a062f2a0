using PetitionFunctions.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>
/// Hourly: for each open campaign, counts the last hour's sign-ups by address hash and by email-domain
/// hash, and records and logs (as a warning, for an alert rule) every group at or above the threshold.
/// Logs name the hash's first eight hex digits only.
/// </summary>
public sealed class TrendDetector(
    CampaignTable campaigns, SignatureTable signatures, TrendTable trends, TimeProvider time, IOptions<TrendOptions> options, ILogger<TrendDetector> log)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <returns>The trends found.</returns>
    public async Task<IReadOnlyList<Trend>> DetectAsync(CancellationToken cancellationToken)
    {
        var end = time.GetUtcNow();
        var start = end - Window;
        var found = new List<Trend>();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            if (campaign.State != CampaignState.Open) continue;
            var senders = new List<SignatureSender>();
            await foreach (var sender in signatures.SendersSinceAsync(campaign.Slug, start, cancellationToken)) senders.Add(sender);
            foreach (var (kind, hash, count, sample) in TrendRules.Find(senders, options.Value.Threshold))
            {
                var trend = new Trend(campaign.Slug, kind, hash, count, start, end, sample);
                await trends.SaveAsync(trend, cancellationToken);
                found.Add(trend);
                log.LogWarning("Trend alert on {Campaign}: {Count} sign-ups in the last hour from one {Kind} ({Hash}).",
                    campaign.Slug, count, kind == TrendKind.Ip ? "address" : "email domain", LogRefs.Of(hash));
            }
        }
        return found;
    }
}
