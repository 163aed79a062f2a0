using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>
/// Many sign-ups on one campaign within an hour from one address or with one email domain. The hash
/// is the sender's keyed hash (<see cref="SenderHashes"/>). An email-domain trend keeps the domain itself,
/// encrypted (<see cref="TrendDetector.DomainContext"/>), so an admin screen can show it; no trend names a
/// signature, so none stays tied to a person whose signature is later withdrawn or erased.
/// </summary>
public sealed record Trend(
    string Campaign, TrendKind Kind, string Hash, int Count, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? ProtectedDomain);
