using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

public sealed record TargetInput(string? Name, string? Title, string? DeliveryEmail);
