using System.Net.Sockets;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>
/// Where the client address comes from. By default, the connection's remote address as the worker sees it:
/// the Functions host proxies every request to the worker and sets X-Forwarded-For to the address it saw
/// (replacing whatever the client sent), and the worker's forwarded-headers middleware moves that into
/// RemoteIpAddress. A client cannot choose its address this way. Behind Azure Front Door every request
/// arrives from Front Door, so the client is in a header Front Door sets: name it in
/// <see cref="TrustedHeader"/>, and only when the app cannot be reached except through that front door
/// (docs/client-address.md).
/// </summary>
public sealed class ClientAddressOptions
{
    public const string Section = "ClientAddress";

    /// <summary>A header set by a trusted front end that carries the client's address, e.g. X-Azure-ClientIP.</summary>
    public string? TrustedHeader { get; set; }
}
