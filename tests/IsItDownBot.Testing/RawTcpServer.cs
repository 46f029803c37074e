using System.Net;
using System.Net.Sockets;

namespace IsItDownBot.Testing;

/// <summary>
/// A TCP listener on a loopback address that hands each connection to a handler: for servers that
/// misbehave below HTTP, such as answering a TLS client with garbage or accepting and saying nothing.
/// </summary>
public sealed class RawTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<NetworkStream, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _connectionCount;

    /// <param name="port">0 lets the system pick one.</param>
    public RawTcpServer(IPAddress address, Func<NetworkStream, CancellationToken, Task> handler, int port = 0)
    {
        _handler = handler;
        _listener = new TcpListener(address, port);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Writes <paramref name="bytes"/> as soon as the client connects, then closes.</summary>
    public static Func<NetworkStream, CancellationToken, Task> WriteThenClose(byte[] bytes) =>
        async (stream, cancellationToken) => await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);

    /// <summary>Accepts and says nothing until the server stops (reads and discards what comes in).</summary>
    public static Func<NetworkStream, CancellationToken, Task> StaySilent() => async (stream, cancellationToken) =>
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);

        Task[] connections;
        lock (_connections)
            connections = [.. _connections];
        await Task.WhenAll(connections).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped
            }

            Interlocked.Increment(ref _connectionCount);
            lock (_connections)
                _connections.Add(HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await _handler(client.GetStream(), _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client left or the server is stopping: both are normal ends for a fake.
            }
        }
    }
}
