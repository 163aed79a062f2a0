namespace PetitionFunctions.Campaigns;

/// <summary>
/// Who runs a campaign, as its packets say to the target's office: the name the packet comes from, the
/// address a reply goes to, and a line saying whom to contact. The name must not be empty; the rest is optional.
/// </summary>
public sealed record Coalition(string Name, string? ReplyTo = null, string? Contact = null);
