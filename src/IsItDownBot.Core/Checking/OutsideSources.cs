using System.Net;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Probing.StatusPages;

namespace IsItDownBot.Core.Checking;

/// <summary>
/// Fetches the evidence that comes from others, not from probing the service: its official status page, and
/// routing data for the addresses a failure points at. Each fetch stops at the round's deadline and says so.
/// </summary>
public sealed class OutsideSources(StatusPageProbe statusPages, RoutingProbe routing)
{
    public Task<StatusPageEvidence?> StatusPageAsync(ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.StatusPage is { } page && !service.IsUserSupplied
            ? FetchAsync(page, deadline)
            : Task.FromResult<StatusPageEvidence?>(null);
    }

    /// <summary>
    /// Routing data is asked for only when it could explain the failure: name servers that do not answer at
    /// all, or servers whose connections time out. A healthy round costs the routing source nothing.
    /// </summary>
    public async Task<RoutingEvidence> RoutingAsync(
        ServiceDefinition service, IReadOnlyList<EndpointEvidence> endpoints, DelegationEvidence delegation, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(delegation);
        var nameServerAddresses = delegation.Status is DelegationStatus.Unreachable or DelegationStatus.PartlyUnreachable
            ? delegation.Addresses.Select(server => server.Address).OfType<IPAddress>().ToList()
            : [];
        var serverAddresses = endpoints
            .Where(TimesOut)
            .SelectMany(endpoint => endpoint.Dns.SelectMany(probe => probe.Addresses))
            .Distinct()
            .ToList();
        if (nameServerAddresses.Count == 0 && serverAddresses.Count == 0)
        {
            return RoutingEvidence.NotAsked;
        }

        var nameServerRoutes = routing.CheckAsync(nameServerAddresses, deadline);
        var serverRoutes = routing.CheckAsync(serverAddresses, deadline);
        return new RoutingEvidence(true, await nameServerRoutes.ConfigureAwait(false), await serverRoutes.ConfigureAwait(false));
    }

    /// <summary>Connections were tried and none got an answer: neither accepted nor refused.</summary>
    private static bool TimesOut(EndpointEvidence endpoint)
    {
        var tried = endpoint.Tcp.Where(probe => probe.Outcome is not (ProbeOutcome.Skipped or ProbeOutcome.Blocked)).ToList();
        return tried.Count > 0 && tried.All(probe => probe.Outcome is ProbeOutcome.Timeout or ProbeOutcome.Unreachable);
    }

    private async Task<StatusPageEvidence?> FetchAsync(Uri page, CancellationToken deadline) =>
        await statusPages.FetchAsync(page, deadline).ConfigureAwait(false);
}
