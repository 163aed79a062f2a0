using PetitionFunctions.Common;

namespace PetitionFunctions.Campaigns;

/// <summary>The official a campaign is delivered to.</summary>
public sealed record CampaignTarget(string Name, string Title, string DeliveryEmail);
