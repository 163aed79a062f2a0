using Azure.Data.Tables;

namespace PetitionFunctions.Signatures;

/// <summary>Why intake set a signature aside from the count. The signature is kept, confirms as usual, and counts once released.</summary>
public static class SignatureFlags
{
    /// <summary>Its client address was over the campaign's rate limits when it signed.</summary>
    public const string RateLimit = "rate-limit";

    public static string? Normalize(string? flag) => string.IsNullOrEmpty(flag) ? null : flag;
}
