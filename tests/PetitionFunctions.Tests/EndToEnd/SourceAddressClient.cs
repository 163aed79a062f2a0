using System.Net;
using System.Net.Sockets;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// HTTP clients that connect from a chosen local address. On Linux every 127.x.y.z address is this machine,
/// so clients bound to 127.0.0.2 and 127.0.0.3 reach an app listening on 127.0.0.1 as two different
/// computers would: whatever runtime serves the app sees two remote addresses. This is how tests give
/// requests distinct client addresses now that a client's own X-Forwarded-For is never believed.
/// </summary>
public static class SourceAddressClient
{
    public static HttpClient Create(Uri baseAddress, IPAddress source) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
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

    /// <summary>127.0.0.n's neighbours: a distinct loopback address for each number (1 to 16,000,000).</summary>
    public static IPAddress Loopback(int number) => new([127, (byte)(number >> 16 & 255), (byte)(number >> 8 & 255), (byte)(number & 255)]);
}
