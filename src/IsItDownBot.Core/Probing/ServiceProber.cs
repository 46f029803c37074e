using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Probing;

/// <summary>One probe round of a service: every endpoint and the zone's delegation at once, under one deadline.</summary>
public sealed class ServiceProber(EndpointProber endpoints, DelegationProber delegation)
{
    /// <summary>The only ports a user's target may name.</summary>
    public static readonly IReadOnlySet<int> WebPorts = new HashSet<int> { 80, 443 };

    public async Task<(IReadOnlyList<EndpointEvidence> Endpoints, DelegationEvidence Delegation)> ProbeAsync(
        ServiceDefinition service, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.IsUserSupplied && service.Endpoints.Count > 0 && service.Endpoints[0] is var typed && Refusal(typed) is { } reason)
        {
            var refused = new ProbeResult(typed.ToString(), ProbeKind.Tcp, typed.IdnHost, ProbeOutcome.Blocked, TimeSpan.Zero, reason);
            return ([new EndpointEvidence(typed, [], [refused], null, null)], DelegationEvidence.NotChecked);
        }

        var endpointTasks = service.Endpoints.Select(endpoint => endpoints.ProbeAsync(endpoint, service.IsUserSupplied, deadline));
        var delegationTask = delegation.ProbeAsync(service, deadline);
        var endpointResults = await Task.WhenAll(endpointTasks).ConfigureAwait(false);
        return (endpointResults, await delegationTask.ConfigureAwait(false));
    }

    /// <summary>Why a user's target is not even looked up, or null when it may be.</summary>
    private static string? Refusal(Uri typed)
    {
        // The bot's own resolvers answer for private names, and the answer would leak.
        if (PrivateNames.IsPrivate(typed.IdnHost))
        {
            return $"{typed.IdnHost} is a private or local name, so the bot did not look it up";
        }

        // Connecting to any port a stranger names would make the bot a port scanner for hire.
        return WebPorts.Contains(typed.Port)
            ? null
            : $"port {typed.Port} is not a web port: the bot only connects to ports 80 and 443, so it cannot be used to scan other ports";
    }
}
