namespace PetitionFunctions.Signatures;

/// <summary>A signature's sender hashes, as the hourly trend job reads them.</summary>
public sealed record SignatureSender(string Key, string? IpHash, string? EmailDomainHash);
