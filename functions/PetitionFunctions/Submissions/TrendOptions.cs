using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>Configuration section "Trends".</summary>
public sealed class TrendOptions
{
    public const string Section = "Trends";

    /// <summary>Sign-ups in an hour from one address, or with one email domain, that make a trend worth an alert.</summary>
    public int Threshold { get; set; } = 100;
}
