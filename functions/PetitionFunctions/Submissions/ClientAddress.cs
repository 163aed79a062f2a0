using System.Net;
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

/// <summary>The address a request came from, in the form the rate limits, trends and invalidations key on.</summary>
public static class ClientAddress
{
    /// <param name="trustedHeaderValue">The configured trusted header's value, when one is configured.</param>
    /// <param name="remote">The connection's remote address after the worker's forwarded-headers middleware.</param>
    public static IPAddress? From(string? trustedHeaderValue, IPAddress? remote)
    {
        if (!string.IsNullOrWhiteSpace(trustedHeaderValue) && Parse(trustedHeaderValue) is { } trusted) return trusted;
        return remote is null ? null : Normalize(remote);
    }

    /// <summary>"203.0.113.7", "203.0.113.7:5123", "2001:db8::1", "[2001:db8::1]:443"; null for anything else.</summary>
    public static IPAddress? Parse(string entry)
    {
        var text = entry.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0) return null;
            text = text[1..close];
        }
        else if (text.Count(c => c == ':') == 1)
        {
            text = text[..text.IndexOf(':')];
        }
        return IPAddress.TryParse(text, out var address) ? Normalize(address) : null;
    }

    /// <summary>
    /// The form the rate limits key on: an IPv4-mapped IPv6 address as plain IPv4, and an IPv6 address
    /// as its /64 network, since one household or phone is handed a whole /64 and can rotate within it.
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
