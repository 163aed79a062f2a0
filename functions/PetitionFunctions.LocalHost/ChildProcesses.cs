using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PetitionFunctions.LocalHost;

/// <summary>What the local run needs to manage the programs it starts: free ports, and stopping them gracefully.</summary>
public static class ChildProcesses
{
    /// <summary>Distinct free loopback ports: every listener is held until all are picked, so none is handed out twice.</summary>
    /// <summary>Whether nothing listens on this loopback port now (a program may still take it before the caller does).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    /// <summary>Sends SIGTERM and waits; whatever is still running after <paramref name="grace"/> is killed with its children.</summary>
    public static async Task StopAsync(Process? process, TimeSpan grace)
    {
        if (process is null || process.HasExited) return;
        if (OperatingSystem.IsWindows()) process.Kill(entireProcessTree: true);
        else if (SendSignal(process.Id, SigTerm) != 0) Kill(process);
        using var timeout = new CancellationTokenSource(grace);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { Kill(process); }
    }

    public static void Kill(Process? process)
    {
        try { if (process is { HasExited: false }) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
