using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

public sealed record AdminStoryPage(string Campaign, int Page, int PageSize, int Total, IReadOnlyList<AdminStory> Stories);
