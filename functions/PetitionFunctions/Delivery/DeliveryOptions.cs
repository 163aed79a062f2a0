using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Delivery;

/// <summary>Configuration section "Delivery".</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>
    /// The largest CSV part, in bytes, before it is split. About 7 MB, so that with base64 (4/3) and the
    /// message around it an email stays under ACS's 10 MB limit.
    /// </summary>
    public long MaxPartBytes { get; set; } = 7_000_000;

    /// <summary>A delivery still "queued" after this long lost its queue message (or never got one): the timer sends it again.</summary>
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Where CSV parts are written while a delivery is sent (deleted afterwards); empty for the system's temporary folder.</summary>
    public string? WorkFolder { get; set; }
}
