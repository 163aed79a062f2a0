using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Stories;

public sealed record PublicStory(string Language, string Text, string? Name, DateTimeOffset PublishedAt);
