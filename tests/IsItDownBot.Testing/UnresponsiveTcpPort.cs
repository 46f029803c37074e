using System.Net;
using System.Net.Sockets;

namespace IsItDownBot.Testing;

/// <summary>
/// A loopback TCP port where a connect neither succeeds nor fails: it stays pending until the
/// client gives up, as when packets to a host are dropped (a "tcp-timeout") but without leaving 127/8.
/// </summary>
/// <remarks>
/// A socket listens with a backlog of 1 and never accepts; its own connections fill the accept
/// queue first. Linux then drops every new SYN (net.ipv4.tcp_abort_on_overflow = 0, the default),
/// so the client keeps retransmitting SYNs and its connect stays pending. Linux queues
/// backlog + 1 completed connections, hence the number of fillers.
/// </remarks>
public sealed class UnresponsiveTcpPort : IAsyncDisposable
{
    private const int Backlog = 1;
    private const int Fillers = Backlog + 1;

    // Filling is a loopback handshake, microseconds normally; this only turns a wrong assumption
    // about the kernel into an exception instead of a hang.
    private static readonly TimeSpan FillTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly List<Socket> _fillers;

    private UnresponsiveTcpPort(Socket listener, List<Socket> fillers)
    {
        _listener = listener;
        _fillers = fillers;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    /// <param name="port">0 lets the system pick one.</param>
    public static async Task<UnresponsiveTcpPort> StartAsync(IPAddress address, int port = 0)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var fillers = new List<Socket>();
        try
        {
            listener.Bind(new IPEndPoint(address, port));
            listener.Listen(Backlog);
            var endPoint = listener.LocalEndPoint!;

            using var timeout = new CancellationTokenSource(FillTimeout);
            for (var i = 0; i < Fillers; i++)
            {
                var filler = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                await filler.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            }

            return new UnresponsiveTcpPort(listener, fillers);
        }
        catch
        {
            Close(listener, fillers);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Close(_listener, _fillers);
        return ValueTask.CompletedTask;
    }

    private static void Close(Socket listener, List<Socket> fillers)
    {
        foreach (var filler in fillers)
            filler.Dispose();
        listener.Dispose();
    }
}
