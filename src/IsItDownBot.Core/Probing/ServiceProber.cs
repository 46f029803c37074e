using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Delegation;

namespace IsItDownBot.Core.Probing;

/// <summary>One probe round of a service: every endpoint and the zone's delegation at once, under one deadline.</summary>
public sealed class ServiceProber(EndpointProber endpoints, DelegationProber delegation)
{
    public async Task<(IReadOnlyList<EndpointEvidence> Endpoints, DelegationEvidence Delegation)> ProbeAsync(
        ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        var endpointTasks = service.Endpoints.Select(endpoint => endpoints.ProbeAsync(endpoint, service.IsUserSupplied, deadline));
        var delegationTask = delegation.ProbeAsync(service, deadline);
        var endpointResults = await Task.WhenAll(endpointTasks).ConfigureAwait(false);
        return (endpointResults, await delegationTask.ConfigureAwait(false));
    }
}
