using System.Net;
using System.Net.Sockets;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Probing.Http;
using IsItDownBot.Core.Probing.Tcp;
using IsItDownBot.Core.Probing.Tls;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Probing;

/// <summary>
/// Probes one endpoint step by step: DNS through every resolver, TCP to the addresses found, then TLS and
/// HTTP over the first address that connected. A step that cannot run after a failure is reported as skipped.
/// </summary>
public sealed class EndpointProber(ResolverSet resolvers, ResolverProbe dns, TcpProbe tcp, TlsProbe tls, HttpProbe http)
{
    // Enough addresses to tell "one server is down" from "all are", without flooding a big service.
    private const int AddressesPerFamily = 2;

    public async Task<EndpointEvidence> ProbeAsync(Uri endpoint, bool userSupplied, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var label = endpoint.ToString();
        var host = endpoint.IdnHost;
        var port = endpoint.Port;

        IReadOnlyList<ProbeResult> dnsResults = [];
        List<IPAddress> addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            dnsResults = await Task.WhenAll(resolvers.Resolvers.Select(resolver => dns.ProbeAsync(resolver, label, host, deadline)))
                .ConfigureAwait(false);
            addresses = [.. dnsResults.SelectMany(result => result.Addresses).Distinct()];
        }

        if (addresses.Count == 0)
        {
            var why = resolvers.Resolvers.Count == 0 ? "no DNS resolver configured" : "no address found";
            return new EndpointEvidence(endpoint, dnsResults, [ProbeResult.Skip(label, ProbeKind.Tcp, host, why)], null, null);
        }

        if (userSupplied)
        {
            // The address checked is the address connected to: nothing is looked up again after this filter.
            var allowed = addresses.Where(AddressPolicy.IsPublic).ToList();
            if (allowed.Count == 0)
            {
                var blocked = new ProbeResult(label, ProbeKind.Tcp, host, ProbeOutcome.Blocked, TimeSpan.Zero,
                    $"{host} leads to a private or reserved address");
                return new EndpointEvidence(endpoint, dnsResults, [blocked], null, null);
            }

            addresses = allowed;
        }

        if (deadline.IsCancellationRequested)
        {
            return new EndpointEvidence(endpoint, dnsResults, [PastDeadline(label, ProbeKind.Tcp, host)], null, null);
        }

        var candidates = addresses.Where(address => address.AddressFamily == AddressFamily.InterNetwork).Take(AddressesPerFamily)
            .Concat(addresses.Where(address => address.AddressFamily == AddressFamily.InterNetworkV6).Take(AddressesPerFamily))
            .Select(address => new IPEndPoint(address, port))
            .ToList();
        var tcpResults = await Task.WhenAll(candidates.Select(candidate => tcp.ProbeAsync(label, candidate, deadline)))
            .ConfigureAwait(false);
        var connectedIndex = Array.FindIndex(tcpResults, result => result.Ok);
        if (connectedIndex < 0)
        {
            return new EndpointEvidence(endpoint, dnsResults, tcpResults, null, null);
        }

        var target = candidates[connectedIndex];
        ProbeResult? tlsResult = null;
        if (deadline.IsCancellationRequested)
        {
            return new EndpointEvidence(endpoint, dnsResults, tcpResults, null, PastDeadline(label, ProbeKind.Http, endpoint.AbsoluteUri));
        }

        if (endpoint.Scheme == Uri.UriSchemeHttps)
        {
            tlsResult = await tls.ProbeAsync(label, host, target, deadline).ConfigureAwait(false);
            if (!tlsResult.Ok)
            {
                return new EndpointEvidence(endpoint, dnsResults, tcpResults, tlsResult,
                    ProbeResult.Skip(label, ProbeKind.Http, endpoint.AbsoluteUri, "not sent: no secure connection"));
            }
        }

        var httpResult = deadline.IsCancellationRequested
            ? PastDeadline(label, ProbeKind.Http, endpoint.AbsoluteUri)
            : await http.ProbeAsync(endpoint, target, deadline).ConfigureAwait(false);
        return new EndpointEvidence(endpoint, dnsResults, tcpResults, tlsResult, httpResult);
    }

    /// <summary>A step that never started: the round's deadline had passed. It says nothing about the service.</summary>
    private static ProbeResult PastDeadline(string endpoint, ProbeKind kind, string target) =>
        ProbeResult.Skip(endpoint, kind, target, "not run: the round's deadline had passed");
}
