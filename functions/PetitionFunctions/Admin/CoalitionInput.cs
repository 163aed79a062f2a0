namespace PetitionFunctions.Admin;

public sealed record CoalitionInput(string? Name, string? ReplyTo, string? Contact);
