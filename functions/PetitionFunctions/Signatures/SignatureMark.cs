namespace PetitionFunctions.Signatures;

/// <summary>A signature row as bulk actions see it.</summary>
public sealed record SignatureMark(string Key, SignatureState State, string? Flag);
