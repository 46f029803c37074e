using System.Net;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>How a name server's address is shown in evidence.</summary>
internal static class DnsEndPoints
{
    /// <summary>The address alone on the standard port; with the port otherwise (only tests use another).</summary>
    public static string Format(IPAddress address, int port) =>
        port == DnsOptions.DefaultAuthoritativePort ? address.ToString() : new IPEndPoint(address, port).ToString();
}
