using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Stories;

/// <summary>The public story list of a campaign, before choosing a language; null for an unknown campaign or one that is not a stories campaign.</summary>
public sealed record PublishedStories(Campaign Campaign, IReadOnlyList<PublishedStory> Stories);
