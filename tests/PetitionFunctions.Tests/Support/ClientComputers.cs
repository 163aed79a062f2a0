using System.Net;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// Distinct client computers for tests that need requests from distinct client addresses: each is an HTTP
/// client bound to its own loopback source address (see <see cref="SourceAddressClient"/>), so the app sees
/// that address as the connection's, as it would see a real client's. The addresses are 127.1.x.y, handed out
/// once per test run, so no two tests (and no test and the fixtures' own clients on 127.0.0.1) share a
/// rate-limit bucket.
/// </summary>
public static class ClientComputers
{
    private static int _issued;

    /// <summary>A loopback address no other test has used.</summary>
    public static IPAddress NewAddress() => SourceAddressClient.Loopback((1 << 16) + Interlocked.Increment(ref _issued));

    /// <summary>A client that connects from <paramref name="address"/>.</summary>
    public static HttpClient From(Uri baseAddress, IPAddress address) => SourceAddressClient.Create(baseAddress, address);
}
