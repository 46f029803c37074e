using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Probing;

/// <summary>One probe round of a service: every endpoint and every name server at once, under one deadline.</summary>
public sealed class ServiceProber(EndpointProber endpoints, NameServerProber nameServers)
{
    public async Task<(IReadOnlyList<EndpointEvidence> Endpoints, IReadOnlyList<ProbeResult> NameServers)> ProbeAsync(
        ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        var endpointTasks = service.Endpoints.Select(endpoint => endpoints.ProbeAsync(endpoint, service.IsUserSupplied, deadline));
        var nameServerTask = nameServers.ProbeAsync(service, deadline);
        var endpointResults = await Task.WhenAll(endpointTasks).ConfigureAwait(false);
        return (endpointResults, await nameServerTask.ConfigureAwait(false));
    }
}
