using System.Net;
using DnsClient;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Probing;

/// <summary>
/// Asks each of a zone's name servers directly whether it answers. The servers come from the catalog, or
/// are looked up through the resolvers when the catalog names none.
/// </summary>
public sealed class NameServerProber(ResolverSet resolvers, ResolverProbe resolverProbe, AuthoritativeProbe probe)
{
    // A zone rarely has more than four; asking more adds load and little evidence.
    private const int MaxServers = 4;

    public async Task<IReadOnlyList<ProbeResult>> ProbeAsync(ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (string.IsNullOrEmpty(service.Zone) || IPAddress.TryParse(service.Zone, out _))
        {
            return [];
        }

        var servers = service.NameServers.Count > 0
            ? service.NameServers.Take(MaxServers).ToList()
            : await DiscoverAsync(service.Zone, deadline).ConfigureAwait(false);

        var addressed = await Task.WhenAll(servers.Select(server => AddressAsync(service, server, deadline))).ConfigureAwait(false);
        var probes = addressed
            .Where(server => server.Address is not null)
            .Where(server => !service.IsUserSupplied || AddressPolicy.IsPublic(server.Address!))
            .Select(server => probe.ProbeAsync(service.Zone, server.Name, server.Address!, deadline));
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    private async Task<List<AuthoritativeServer>> DiscoverAsync(string zone, CancellationToken deadline)
    {
        foreach (var resolver in resolvers.Resolvers)
        {
            try
            {
                var client = resolverProbe.CreateClient(resolver.Servers, recursion: true);
                var response = await client.QueryAsync(zone, QueryType.NS, QueryClass.IN, deadline).ConfigureAwait(false);
                var names = response.Answers.NsRecords().Select(record => record.NSDName.Value.TrimEnd('.')).Distinct().ToList();
                if (names.Count > 0)
                {
                    return [.. names.Order(StringComparer.OrdinalIgnoreCase).Take(MaxServers).Select(name => new AuthoritativeServer(name, null))];
                }
            }
            catch (Exception exception) when (exception is DnsResponseException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // This resolver cannot tell; the next one may.
            }
        }

        return [];
    }

    private async Task<AuthoritativeServer> AddressAsync(ServiceDefinition service, AuthoritativeServer server, CancellationToken deadline)
    {
        if (server.Address is not null || resolvers.Resolvers.Count == 0)
        {
            return server;
        }

        var found = await resolverProbe.ProbeAsync(resolvers.Resolvers[0], service.Zone, server.Name, deadline).ConfigureAwait(false);
        var address = found.Addresses.OrderBy(address => address.AddressFamily).FirstOrDefault();
        return server with { Address = address };
    }
}
