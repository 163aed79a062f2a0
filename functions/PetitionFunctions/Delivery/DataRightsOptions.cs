using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Delivery;

/// <summary>Configuration section "DataRights".</summary>
public sealed class DataRightsOptions
{
    public const string Section = "DataRights";

    /// <summary>Months after a campaign's final delivery before its signatures lose their personal details.</summary>
    public int AnonymiseAfterMonths { get; set; } = 6;
}
