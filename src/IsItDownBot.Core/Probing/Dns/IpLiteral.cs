using System.Net;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>A bare IP address as written in configuration: no port, no brackets.</summary>
internal static class IpLiteral
{
    // IPAddress.TryParse also takes "1" or "12345" as IPv4 and "[::1]:53" as IPv6; a bare address has a dot
    // or a colon and no bracket.
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Contains('[', StringComparison.Ordinal)
            || !(trimmed.Contains('.', StringComparison.Ordinal) || trimmed.Contains(':', StringComparison.Ordinal)))
        {
            return false;
        }

        if (!IPAddress.TryParse(trimmed, out var parsed))
        {
            return false;
        }

        address = parsed;
        return true;
    }
}
