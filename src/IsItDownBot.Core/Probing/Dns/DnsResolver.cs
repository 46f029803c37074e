using System.Net;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>One configured resolver: an address, or the machine's own servers behind the label "system".</summary>
public sealed record DnsResolver(string Label, IReadOnlyList<IPEndPoint> Servers)
{
    /// <summary>Parses "ip", "ip:port" or "[v6]:port"; "system" is expanded by <see cref="ResolverSet"/>.</summary>
    public static bool TryParseEndPoint(string spec, out IPEndPoint endPoint)
    {
        endPoint = null!;
        if (IPEndPoint.TryParse(spec.Trim(), out var parsed) && (spec.Contains('.') || spec.Contains(':')))
        {
            endPoint = parsed.Port == 0 ? new IPEndPoint(parsed.Address, 53) : parsed;
            return true;
        }

        return false;
    }
}
