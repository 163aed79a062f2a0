using System.Net;
using System.Net.Sockets;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// HTTP clients that connect from a chosen loopback address, for the tests and the load benchmark. On Linux
/// every 127.x.y.z address is this machine, so a client bound to 127.1.0.7 reaches an app listening on
/// 127.0.0.1 as another computer would, and whichever runtime serves the app sees that address as the
/// client's. The app believes nothing else (a client's own X-Forwarded-For is overwritten by the Functions
/// host's proxy, and by the stand-in alike), so this is how requests get distinct client addresses.
/// </summary>
public static class SourceAddressClient
{
    /// <summary>Whether this machine lets a socket bind to loopback addresses other than 127.0.0.1 (Linux does; macOS does not by default).</summary>
    public static bool Available()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(Loopback(1 << 16 | 1), 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <param name="source">The local address, or null for the system's choice (127.0.0.1).</param>
    public static HttpClient Create(Uri baseAddress, IPAddress? source) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = source is null ? null : async (context, cancellationToken) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress };

    /// <summary>A distinct loopback address for each number (1 to 16,000,000): 127.(n >> 16).(n >> 8).(n).</summary>
    public static IPAddress Loopback(int number) => new([127, (byte)(number >> 16 & 255), (byte)(number >> 8 & 255), (byte)(number & 255)]);
}
