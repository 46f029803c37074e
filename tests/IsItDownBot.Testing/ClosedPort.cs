using System.Net;
using System.Net.Sockets;

namespace IsItDownBot.Testing;

/// <summary>
/// A loopback TCP port where nothing listens, so a connect is refused at once (RST). The port is
/// held by a bound socket that never listens: the kernel still refuses connections to it, and no
/// other test can start listening there while this object lives.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _placeholder;

    public ClosedPort(IPAddress address)
    {
        _placeholder = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _placeholder.Bind(new IPEndPoint(address, 0));
        EndPoint = (IPEndPoint)_placeholder.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    public void Dispose() => _placeholder.Dispose();
}
