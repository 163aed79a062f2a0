using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Counting;

/// <summary>A campaign and its summary: everything the public reads show.</summary>
public sealed record CampaignView(Campaign Campaign, CampaignSummary Summary);
