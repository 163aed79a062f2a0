namespace PetitionFunctions.Endorsements;

/// <summary>One endorser as anyone may see it: an organisation's public profile, or a leader's name, title, affiliation and city.</summary>
public sealed record PublicEndorsement(
    EndorserKind Kind,
    string Name,
    EndorsementScope? Scope = null,
    string? Locality = null,
    string? Region = null,
    string? Website = null,
    string? LogoUrl = null,
    string? Title = null,
    string? Affiliation = null);
