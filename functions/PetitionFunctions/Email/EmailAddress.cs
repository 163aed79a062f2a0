namespace PetitionFunctions.Email;

public sealed record EmailAddress(string Address, string? DisplayName = null);
