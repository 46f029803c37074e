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

    // How far up from a host to look for its zone: www.shop.example.co.uk is at most a few labels deep.
    private const int MaxZoneLevels = 4;

    public async Task<IReadOnlyList<ProbeResult>> ProbeAsync(ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (string.IsNullOrEmpty(service.Zone) || IPAddress.TryParse(service.Zone, out _))
        {
            return [];
        }

        var (zone, servers) = service.NameServers.Count > 0
            ? (service.Zone, service.NameServers.Take(MaxServers).ToList())
            : await DiscoverAsync(service.Zone, deadline).ConfigureAwait(false);

        var addressed = await Task.WhenAll(servers.Select(server => AddressAsync(zone, server, deadline))).ConfigureAwait(false);
        var probes = addressed
            .Where(server => server.Address is not null)
            .Where(server => !service.IsUserSupplied || AddressPolicy.IsPublic(server.Address!))
            .Select(server => probe.ProbeAsync(zone, server.Name, server.Address!, deadline));
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds the name servers of the zone that holds <paramref name="name"/>, walking up from the name
    /// (www.example.org has no NS records of its own; example.org has). Every resolver is asked at once.
    /// </summary>
    private async Task<(string Zone, List<AuthoritativeServer> Servers)> DiscoverAsync(string name, CancellationToken deadline)
    {
        var labels = name.Split('.');
        for (var skip = 0; labels.Length - skip >= 2 && skip < MaxZoneLevels; skip++)
        {
            var zone = string.Join('.', labels.Skip(skip));
            var answers = await Task.WhenAll(resolvers.Resolvers.Select(resolver => QueryNameServersAsync(resolver, zone, deadline))).ConfigureAwait(false);
            if (answers.FirstOrDefault(names => names.Count > 0) is { } names)
            {
                return (zone, [.. names.Order(StringComparer.OrdinalIgnoreCase).Take(MaxServers).Select(server => new AuthoritativeServer(server, null))]);
            }

            if (deadline.IsCancellationRequested)
            {
                break;
            }
        }

        return (name, []);
    }

    private async Task<List<string>> QueryNameServersAsync(DnsResolver resolver, string zone, CancellationToken deadline)
    {
        try
        {
            var client = resolverProbe.CreateClient(resolver.Servers, recursion: true);
            var response = await client.QueryAsync(zone, QueryType.NS, QueryClass.IN, deadline).ConfigureAwait(false);
            return [.. response.Answers.NsRecords().Select(record => record.NSDName.Value.TrimEnd('.')).Distinct(StringComparer.OrdinalIgnoreCase)];
        }
        catch (Exception exception) when (exception is DnsResponseException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // This resolver cannot tell; another may.
            return [];
        }
    }

    private async Task<AuthoritativeServer> AddressAsync(string zone, AuthoritativeServer server, CancellationToken deadline)
    {
        if (server.Address is not null || resolvers.Resolvers.Count == 0)
        {
            return server;
        }

        var found = await Task.WhenAll(resolvers.Resolvers.Select(resolver => resolverProbe.ProbeAsync(resolver, zone, server.Name, deadline)))
            .ConfigureAwait(false);
        var address = found.SelectMany(result => result.Addresses).OrderBy(address => address.AddressFamily).FirstOrDefault();
        return server with { Address = address };
    }
}
