using System.Net;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>The resolvers of <c>IsItDown:Dns:Resolvers</c>, parsed once.</summary>
public sealed class ResolverSet
{
    public ResolverSet(IOptions<DnsOptions> options)
        : this(options.Value.Resolvers)
    {
    }

    public ResolverSet(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var resolvers = new List<DnsResolver>();
        foreach (var spec in specs)
        {
            if (string.Equals(spec.Trim(), DnsOptions.SystemResolver, StringComparison.OrdinalIgnoreCase))
            {
                var system = SystemServers();
                if (system.Count > 0)
                {
                    resolvers.Add(new DnsResolver(
                        $"system ({string.Join(", ", system.Select(server => server.Address))})", system));
                }
            }
            else if (DnsResolver.TryParseEndPoint(spec, out var endPoint))
            {
                resolvers.Add(new DnsResolver(endPoint.Port == 53 ? endPoint.Address.ToString() : endPoint.ToString(), [endPoint]));
            }
        }

        Resolvers = resolvers;
    }

    public IReadOnlyList<DnsResolver> Resolvers { get; }

    private static List<IPEndPoint> SystemServers()
    {
        try
        {
            // No fallback to a public resolver: "system" means exactly what this machine is configured with.
            return [.. global::DnsClient.NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)
                .Select(server => new IPEndPoint(IPAddress.Parse(server.Address), server.Port))];
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException)
        {
            return [];
        }
    }
}
