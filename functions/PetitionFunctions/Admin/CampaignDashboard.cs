using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

/// <summary>What the console's dashboard shows of one campaign: its count and breakdowns from the summary, and its signatures by state.</summary>
public sealed record DashboardView(
    string Campaign,
    int Count,
    int SettledCount,
    int Recent,
    int Goal,
    DateTimeOffset? AsOf,
    IReadOnlyDictionary<string, int> ByDay,
    IReadOnlyDictionary<string, int> ByRegion,
    IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, int> ByLanguage,
    IReadOnlyDictionary<string, int> Signatures,
    double? ConfirmationRate);

/// <summary>
/// Builds the dashboard: the summary the roll-up keeps (never the journal), and one pass over the signature rows
/// for their states. The confirmation rate is confirmed over confirmed and unconfirmed: withdrawn, invalidated and
/// flagged signatures are left out of it.
/// </summary>
public sealed class CampaignDashboard(CampaignTable campaigns, SummaryTable summaries, SignatureTable signatures)
{
    public async Task<DashboardView?> ReadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is not { } campaign) return null;
        var summary = (await summaries.FindAsync(slug, cancellationToken))?.Summary ?? CampaignSummary.Empty(campaign);
        var states = await signatures.StateCountsAsync(slug, cancellationToken);
        var (confirmed, unconfirmed) = (states.GetValueOrDefault("confirmed"), states.GetValueOrDefault("unconfirmed"));
        return new DashboardView(slug, summary.PublicCount, summary.Count, summary.Recent, summary.Goal, summary.AsOf,
            summary.Breakdowns.Day, summary.Breakdowns.Region, summary.Breakdowns.Source, summary.Breakdowns.Language, states,
            confirmed + unconfirmed == 0 ? null : Math.Round(confirmed / (double)(confirmed + unconfirmed), 4));
    }
}
