namespace PetitionFunctions.Partners;

/// <summary>What a partner key allows on its campaign.</summary>
[Flags]
public enum PartnerScopes
{
    None = 0,

    /// <summary>Server-to-server signatures, counted under the partner's own source code whatever the body says.</summary>
    Sign = 1,

    /// <summary>The OSDI listing of the partner's own confirmed signers, and nobody else's.</summary>
    Read = 2,
}
