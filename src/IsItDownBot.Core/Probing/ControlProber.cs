using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing;

/// <summary>Probes the control hosts of <c>IsItDown:ControlHosts</c> the same way as any endpoint.</summary>
public sealed class ControlProber(EndpointProber endpoints, IOptions<ProbeOptions> options)
{
    private readonly IReadOnlyList<Uri> _hosts = [.. options.Value.ControlHosts.Select(host => new Uri(host, UriKind.Absolute))];

    public async Task<ControlEvidence> ProbeAsync(CancellationToken deadline)
    {
        if (_hosts.Count == 0)
        {
            return ControlEvidence.None;
        }

        var hosts = await Task.WhenAll(_hosts.Select(host => endpoints.ProbeAsync(host, userSupplied: false, deadline))).ConfigureAwait(false);
        return new ControlEvidence(hosts);
    }
}
