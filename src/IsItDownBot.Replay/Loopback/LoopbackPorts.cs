using System.Net;
using System.Net.Sockets;

namespace IsItDownBot.Replay.Loopback;

/// <summary>Picks loopback addresses and ports for the fakes.</summary>
public static class LoopbackPorts
{
    // A port found free can be taken by someone else before the caller binds it; retrying a few
    // times covers the common case of a port that is free on one address but not on another.
    private const int MaxAttempts = 50;

    /// <summary>127.0.0.<paramref name="lastOctet"/>: the whole 127/8 block is loopback on Linux,
    /// so each fake can have an address of its own and still share a port number with the others.</summary>
    public static IPAddress Address(int lastOctet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastOctet, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastOctet, 254);
        return new IPAddress([127, 0, 0, (byte)lastOctet]);
    }

    /// <summary>A port that is free for both TCP and UDP on every given address (127.0.0.1 when none),
    /// checked by binding and then released.</summary>
    public static int FindFreePort(params IPAddress[] addresses)
    {
        if (addresses.Length == 0)
            addresses = [IPAddress.Loopback];

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            int candidate;
            using (var probe = new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp))
            {
                probe.Bind(new IPEndPoint(addresses[0], 0));
                candidate = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }

            if (addresses.All(a => IsFree(a, candidate)))
                return candidate;
        }

        throw new InvalidOperationException(
            $"No port free for TCP and UDP on {string.Join(", ", addresses.Select(a => a.ToString()))} after {MaxAttempts} attempts.");
    }

    private static bool IsFree(IPAddress address, int port)
    {
        using var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            tcp.Bind(new IPEndPoint(address, port));
            udp.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
