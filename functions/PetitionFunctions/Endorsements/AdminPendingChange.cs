using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>A pending change as an admin sees it.</summary>
/// <param name="Flag">"rate-limit" when its sender's address was over the letter's limits.</param>
public sealed record AdminPendingChange(OrganizationProfile? Organization, EndorserDetails Endorser, bool ListPublicly, bool DomainMatches, DateTimeOffset ReceivedAt,
    string? Flag);
