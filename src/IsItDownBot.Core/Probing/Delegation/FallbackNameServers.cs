using DnsClient;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Dns;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>
/// Where the name servers come from when the root servers are not configured or do not answer: the catalog,
/// or an NS lookup through the resolvers. The resolvers fail in the outage that matters most, so this is
/// only the fallback.
/// </summary>
internal sealed class FallbackNameServers(ResolverSet resolvers, ResolverProbe resolverProbe)
{
    // How far up from a host to look for its zone: www.shop.example.co.uk is at most a few labels deep.
    private const int MaxZoneLevels = 4;

    public async Task<FallbackServers> FindAsync(ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        var (zone, source, servers) = service.NameServers.Count > 0
            ? (DnsNames.Normalize(service.Zone), NameServerSource.Catalog, service.NameServers.Take(DelegationLimits.MaxServers).ToList())
            : await DiscoverAsync(DnsNames.Normalize(service.Zone), deadline).ConfigureAwait(false);

        var addressed = await Task.WhenAll(servers.Select(server => AddressesAsync(zone, server, deadline))).ConfigureAwait(false);
        return new FallbackServers(
            zone,
            servers.Count > 0 ? source : NameServerSource.None,
            [.. servers.Select(server => DnsNames.Normalize(server.Name))],
            [.. addressed.SelectMany(addresses => addresses)]);
    }

    /// <summary>
    /// Finds the name servers of the zone that holds <paramref name="name"/>, walking up from the name
    /// (www.example.org has no NS records of its own; example.org has). Every resolver is asked at once.
    /// </summary>
    private async Task<(string Zone, NameServerSource Source, List<AuthoritativeServer> Servers)> DiscoverAsync(string name, CancellationToken deadline)
    {
        var labels = name.Split('.');
        for (var skip = 0; labels.Length - skip >= 2 && skip < MaxZoneLevels; skip++)
        {
            var zone = string.Join('.', labels.Skip(skip));
            var answers = await Task.WhenAll(resolvers.Resolvers.Select(resolver => QueryNameServersAsync(resolver, zone, deadline))).ConfigureAwait(false);
            if (answers.FirstOrDefault(names => names.Count > 0) is { } names)
            {
                return (zone, NameServerSource.Resolvers,
                    [.. names.Order(StringComparer.OrdinalIgnoreCase).Take(DelegationLimits.MaxServers).Select(server => new AuthoritativeServer(server, null))]);
            }

            if (deadline.IsCancellationRequested)
            {
                break;
            }
        }

        return (name, NameServerSource.None, []);
    }

    private async Task<List<string>> QueryNameServersAsync(DnsResolver resolver, string zone, CancellationToken deadline)
    {
        try
        {
            var client = resolverProbe.CreateClient(resolver.Servers, recursion: true);
            var response = await client.QueryAsync(zone, QueryType.NS, QueryClass.IN, deadline).ConfigureAwait(false);
            return [.. response.Answers.NsRecords().Select(record => DnsNames.Normalize(record.NSDName)).Distinct()];
        }
        catch (Exception exception) when (DnsAnswer.IsQueryFailure(exception))
        {
            // This resolver cannot tell; another may.
            return [];
        }
    }

    /// <summary>The catalog's address, or the addresses the resolvers give for the server's name.</summary>
    private async Task<IReadOnlyList<ServerAddress>> AddressesAsync(string zone, AuthoritativeServer server, CancellationToken deadline)
    {
        var name = DnsNames.Normalize(server.Name);
        if (server.Address is not null)
        {
            return [new ServerAddress(name, server.Address)];
        }

        var found = await Task.WhenAll(resolvers.Resolvers.Select(resolver => resolverProbe.ProbeAsync(resolver, zone, server.Name, deadline)))
            .ConfigureAwait(false);
        return DnsNames.Interleave(found.SelectMany(result => result.Addresses).Distinct(), address => address, DelegationLimits.MaxAddressesPerFamily)
            .Select(address => new ServerAddress(name, address))
            .ToList();
    }
}

/// <summary>The name servers a fallback source named, and the addresses found for them.</summary>
internal sealed record FallbackServers(string Zone, NameServerSource Source, IReadOnlyList<string> NameServers, IReadOnlyList<ServerAddress> Addresses);
