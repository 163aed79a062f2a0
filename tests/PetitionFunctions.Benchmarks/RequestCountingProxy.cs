using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PetitionFunctions.Benchmarks;

/// <summary>
/// A TCP relay in front of one Azurite service that counts the HTTP requests passing through it: it reads
/// each request's head to find where the request ends (Content-Length; the Azure SDK sends no chunked
/// requests), so keep-alive connections and batches ($batch is one request) are counted exactly. Answers
/// are copied back untouched.
/// </summary>
public sealed class RequestCountingProxy : IAsyncDisposable
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private long _requests;

    private RequestCountingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public static RequestCountingProxy Start(int targetPort) => new(targetPort);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long Requests => Interlocked.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var answers = upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                var requests = ForwardRequestsAsync(client.GetStream(), upstream.GetStream());
                await Task.WhenAny(answers, requests);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
        }
    }

    private async Task ForwardRequestsAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            int headEnd;
            while ((headEnd = buffer.AsSpan(0, filled).IndexOf(EndOfHead)) < 0)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = await from.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                if (read == 0) return;
                filled += read;
            }
            var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
            if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("A chunked request reached the counting proxy, which cannot find where it ends.");
            Interlocked.Increment(ref _requests);
            var total = headEnd + EndOfHead.Length + ContentLength(head);
            var have = Math.Min(filled, total);
            await to.WriteAsync(buffer.AsMemory(0, have), _stop.Token);
            for (var remaining = total - have; remaining > 0;)
            {
                var read = await from.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), _stop.Token);
                if (read == 0) return;
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                remaining -= read;
            }
            var left = filled - have;
            if (left > 0) Buffer.BlockCopy(buffer, have, buffer, 0, left);
            filled = left;
        }
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
                return int.Parse(line.AsSpan("content-length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
