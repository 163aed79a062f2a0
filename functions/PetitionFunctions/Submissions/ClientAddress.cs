using System.Net;
using System.Net.Sockets;

namespace PetitionFunctions.Submissions;

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
