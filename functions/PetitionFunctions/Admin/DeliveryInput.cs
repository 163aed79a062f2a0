using PetitionFunctions.Campaigns;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>When a campaign is delivered (<see cref="DeliverySettings"/>); a field left out takes its default.</summary>
public sealed record DeliveryInput(bool? OnGoalReached, int? Every, string? WeeklyDay, int? WeeklyHourUtc, bool? AtClose);
