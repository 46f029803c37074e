using System.Net.Sockets;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Probing.StatusPages;
using IsItDownBot.Core.Probing.Delegation;

namespace IsItDownBot.Core.Probing;

/// <summary>What one probe round saw of a service, and of the control hosts in the same round.</summary>
public sealed record ProbeEvidence(
    ServiceDefinition Service,
    IReadOnlyList<EndpointEvidence> Endpoints,
    DelegationEvidence Delegation,
    ControlEvidence Control)
{
    /// <summary>What the operator's status page said, when the catalog names one.</summary>
    public StatusPageEvidence? StatusPage { get; init; }

    /// <summary>Whether the route collectors still see the addresses involved in a failure.</summary>
    public RoutingEvidence Routing { get; init; } = RoutingEvidence.NotAsked;

    public IEnumerable<ProbeResult> All =>
        Endpoints.SelectMany(endpoint => endpoint.All).Concat(Delegation.All).Concat(Control.Hosts.SelectMany(host => host.All));
}

/// <summary>The control hosts: sites that are almost never down. If none answers, the bot's own network is at fault.</summary>
public sealed record ControlEvidence(IReadOnlyList<EndpointEvidence> Hosts)
{
    public static readonly ControlEvidence None = new([]);

    /// <summary>
    /// False only when control hosts are configured and not one of them answered over HTTP with a valid
    /// certificate. A bare TCP connection is not enough: captive portals and intercepting proxies accept those.
    /// </summary>
    public bool NetworkWorks => Hosts.Count == 0 || Hosts.Any(host => host.Reached && host.Tls is null or { Ok: true });

    /// <summary>Whether a control host connected over <paramref name="family"/>: the bot's network can test that family.</summary>
    public bool ConnectsOver(AddressFamily family) =>
        Hosts.Any(host => host.Tcp.Any(probe => probe.Ok && probe.TcpTarget?.AddressFamily == family));
}
