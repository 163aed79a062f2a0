using System.Security.Cryptography;
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
    CampaignTable campaigns,
    SignatureTable signatures,
    TrendTable trends,
    PersonalDataCipher cipher,
    TimeProvider time,
    IOptions<TrendOptions> options,
    ILogger<TrendDetector> log)
{
    /// <summary>The encryption context of a trend's domain: the campaign's.</summary>
    public static string DomainContext(string campaign) => "trend-domain:" + campaign;

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
                var domain = kind == TrendKind.EmailDomain ? await DomainOfAsync(campaign.Slug, sample, cancellationToken) : null;
                var trend = new Trend(campaign.Slug, kind, hash, count, start, end,
                    domain is null ? null : cipher.Encrypt(domain, DomainContext(campaign.Slug)));
                await trends.SaveAsync(trend, cancellationToken);
                found.Add(trend);
                log.LogWarning("Trend alert on {Campaign}: {Count} sign-ups in the last hour from one {Kind} ({Hash}).",
                    campaign.Slug, count, kind == TrendKind.Ip ? "address" : "email domain", LogRefs.Of(hash));
            }
        }
        return found;
    }

    /// <summary>The email domain of one signature of the group, decrypted here only to be kept encrypted with the trend.</summary>
    private async Task<string?> DomainOfAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await signatures.FindAsync(slug, key, cancellationToken) is not { ProtectedPersonalData.Length: > 0 } signature) return null;
        try
        {
            return SenderHashes.DomainOf(PersonalDetails.Unprotect(cipher, slug, key, signature.ProtectedPersonalData).Email);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
