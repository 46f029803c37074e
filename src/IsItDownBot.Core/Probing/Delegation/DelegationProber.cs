using System.Net;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>
/// Finds a service's zone and its name servers from the root and TLD servers, then asks every name server, at
/// every address, over UDP and TCP, for the zone's SOA. Never throws for what it sees: the evidence says it.
/// </summary>
public sealed class DelegationProber
{
    private static readonly DnsTransport[] Transports = [DnsTransport.Udp, DnsTransport.Tcp];

    private readonly DelegationWalker _walker;
    private readonly FallbackNameServers _fallback;
    private readonly AuthoritativeProbe _probe;

    internal DelegationProber(DelegationWalker walker, FallbackNameServers fallback, AuthoritativeProbe probe)
    {
        _walker = walker;
        _fallback = fallback;
        _probe = probe;
    }

    public async Task<DelegationEvidence> ProbeAsync(ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (string.IsNullOrWhiteSpace(service.Zone) || IPAddress.TryParse(service.Zone, out _))
        {
            return DelegationEvidence.NotChecked;
        }

        var name = DnsNames.Normalize(service.Zone);
        IReadOnlyList<ProbeResult> parentLookups = [];
        if (_walker.HasRootServers)
        {
            var walk = await _walker.WalkAsync(name, service.IsUserSupplied, deadline).ConfigureAwait(false);
            switch (walk.End)
            {
                case WalkEnd.Found:
                    return await CheckAsync(walk.Zone, NameServerSource.Parent, walk.Delegation!.NameServers, walk.Servers, walk.Lookups, service.IsUserSupplied, deadline)
                        .ConfigureAwait(false);
                case WalkEnd.NotDelegated:
                    return new DelegationEvidence(name, DelegationStatus.NotDelegated, NameServerSource.Parent, [], [], walk.Lookups, []);
                default:
                    parentLookups = walk.Lookups;
                    break;
            }
        }

        // No root servers, or they did not answer: today's sources, so a configured catalog still gets its servers asked.
        var fallback = await _fallback.FindAsync(service, deadline).ConfigureAwait(false);
        if (fallback.NameServers.Count == 0)
        {
            var status = _walker.HasRootServers ? DelegationStatus.ParentUnreachable : DelegationStatus.NotChecked;
            return new DelegationEvidence(fallback.Zone, status, NameServerSource.None, [], [], parentLookups, []);
        }

        return await CheckAsync(fallback.Zone, fallback.Source, fallback.NameServers, fallback.Addresses, parentLookups, service.IsUserSupplied, deadline)
            .ConfigureAwait(false);
    }

    private async Task<DelegationEvidence> CheckAsync(
        string zone,
        NameServerSource source,
        IReadOnlyList<string> nameServers,
        IReadOnlyList<ServerAddress> addresses,
        IReadOnlyList<ProbeResult> parentLookups,
        bool userSupplied,
        CancellationToken deadline)
    {
        var servers = nameServers.Take(DelegationLimits.MaxServers).ToList();
        var asked = servers
            .SelectMany(server => DnsNames.Interleave(addresses.Where(address => address.Name == server).Distinct(), address => address.Address, DelegationLimits.MaxAddressesPerFamily))
            .ToList();
        var checks = await Task.WhenAll(asked.SelectMany(server => Transports.Select(transport =>
            userSupplied && !AddressPolicy.IsPublic(server.Address)
                ? Task.FromResult(_probe.Blocked(zone, server.Name, server.Address, transport))
                : _probe.ProbeAsync(zone, server.Name, server.Address, transport, deadline)))).ConfigureAwait(false);

        return new DelegationEvidence(
            zone,
            DelegationStatusRules.Classify(checks),
            source,
            servers,
            [.. addresses.Select(address => new AuthoritativeServer(address.Name, address.Address))],
            parentLookups,
            checks);
    }
}
