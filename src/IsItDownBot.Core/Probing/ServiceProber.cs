using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Probing;

/// <summary>One probe round of a service: every endpoint and the zone's delegation at once, under one deadline.</summary>
public sealed class ServiceProber(EndpointProber endpoints, DelegationProber delegation)
{
    public async Task<(IReadOnlyList<EndpointEvidence> Endpoints, DelegationEvidence Delegation)> ProbeAsync(
        ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.IsUserSupplied && service.Endpoints.Count > 0 && service.Endpoints[0] is var typed && PrivateNames.IsPrivate(typed.IdnHost))
        {
            // Not even looked up: the bot's own resolvers answer for private names, and the answer would leak.
            var refused = new ProbeResult(typed.ToString(), ProbeKind.Tcp, typed.IdnHost, ProbeOutcome.Blocked, TimeSpan.Zero,
                $"{typed.IdnHost} is a private or local name, so the bot did not look it up");
            return ([new EndpointEvidence(typed, [], [refused], null, null)], DelegationEvidence.NotChecked);
        }

        var endpointTasks = service.Endpoints.Select(endpoint => endpoints.ProbeAsync(endpoint, service.IsUserSupplied, deadline));
        var delegationTask = delegation.ProbeAsync(service, deadline);
        var endpointResults = await Task.WhenAll(endpointTasks).ConfigureAwait(false);
        return (endpointResults, await delegationTask.ConfigureAwait(false));
    }
}
