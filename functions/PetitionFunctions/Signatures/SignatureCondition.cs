namespace PetitionFunctions.Signatures;

/// <summary>
/// Which signatures of a campaign a bulk action applies to: any of the sender hashes and a window on
/// when they were received. Every condition given must hold.
/// </summary>
public sealed record SignatureCondition(string? IpHash, string? EmailDomainHash, DateTimeOffset? ReceivedFrom, DateTimeOffset? ReceivedTo)
{
    public bool IsEmpty => IpHash is null && EmailDomainHash is null && ReceivedFrom is null && ReceivedTo is null;
}
