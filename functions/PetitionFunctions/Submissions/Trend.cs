using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>
/// Many sign-ups on one campaign within an hour from one address or with one email domain. The hash
/// is the sender's keyed hash (<see cref="SenderHashes"/>); SampleKey is one of the signatures, so an
/// admin screen can show the domain by decrypting that one signature.
/// </summary>
public sealed record Trend(
    string Campaign, TrendKind Kind, string Hash, int Count, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string SampleKey);
