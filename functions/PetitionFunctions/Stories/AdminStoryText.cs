using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

public sealed record AdminStoryText(string Story, string? Name, string? Contact, string? CountyOrCity, string? RedactedEn, string? RedactedEs);
