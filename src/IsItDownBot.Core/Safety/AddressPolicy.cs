using System.Net;
using System.Net.Sockets;

namespace IsItDownBot.Core.Safety;

/// <summary>
/// Which addresses a user may make the bot connect to: public unicast only. A user must not be able to
/// use the bot to reach its own host, its private network or the cloud metadata service.
/// </summary>
public static class AddressPolicy
{
    private static readonly (IPAddress Network, int PrefixLength)[] ForbiddenV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network", unspecified
        (IPAddress.Parse("10.0.0.0"), 8),       // private (RFC 1918)
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata (169.254.169.254)
        (IPAddress.Parse("172.16.0.0"), 12),    // private (RFC 1918)
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.0.2.0"), 24),     // documentation
        (IPAddress.Parse("192.88.99.0"), 24),   // 6to4 relay anycast
        (IPAddress.Parse("192.168.0.0"), 16),   // private (RFC 1918)
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("198.51.100.0"), 24),  // documentation
        (IPAddress.Parse("203.0.113.0"), 24),   // documentation
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly IPAddress V4Compatible = IPAddress.Parse("::");
    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");
    private static readonly IPAddress SixToFour = IPAddress.Parse("2002::");

    private static readonly (IPAddress Network, int PrefixLength)[] ForbiddenV6 =
    [
        (IPAddress.Parse("::"), 128),           // unspecified
        (IPAddress.Parse("::1"), 128),          // loopback
        (IPAddress.Parse("::ffff:0:0:0"), 96),  // IPv4-translated (SIIT)
        (IPAddress.Parse("64:ff9b:1::"), 48),   // local-use NAT64: leads into a private network
        (IPAddress.Parse("100::"), 64),         // discard
        (IPAddress.Parse("2001::"), 32),        // Teredo: tunnels to an embedded IPv4 address
        (IPAddress.Parse("2001:2::"), 48),      // benchmarking
        (IPAddress.Parse("3fff::"), 20),        // documentation
        (IPAddress.Parse("2001:db8::"), 32),    // documentation
        (IPAddress.Parse("fc00::"), 7),         // unique local
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("fec0::"), 10),        // site-local (deprecated)
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    /// <summary>True when a connection to <paramref name="address"/> on a user's behalf is allowed.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !ForbiddenV4.Any(range => InRange(address, range.Network, range.PrefixLength));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();

        // Unspecified, loopback and the deprecated IPv4-compatible form all sit in ::/96.
        if (InRange(address, V4Compatible, 96))
        {
            return false;
        }

        // Addresses that embed an IPv4 address lead to it: NAT64 and 6to4.
        if (InRange(address, Nat64, 96))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (InRange(address, SixToFour, 16))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return !ForbiddenV6.Any(range => InRange(address, range.Network, range.PrefixLength));
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        network.TryWriteBytes(n, out _);
        var fullBytes = prefixLength / 8;
        if (!a[..fullBytes].SequenceEqual(n[..fullBytes]))
        {
            return false;
        }

        var remainingBits = prefixLength % 8;
        if (remainingBits == 0 || fullBytes >= length)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }
}
