namespace IsItDownBot.Core.Probing;

/// <summary>Everything seen of one endpoint, step by step: DNS through each resolver, TCP, TLS, HTTP.</summary>
public sealed record EndpointEvidence(
    Uri Endpoint,
    IReadOnlyList<ProbeResult> Dns,
    IReadOnlyList<ProbeResult> Tcp,
    ProbeResult? Tls,
    ProbeResult? Http)
{
    public IEnumerable<ProbeResult> All =>
        Dns.Concat(Tcp).Concat(Tls is null ? [] : [Tls]).Concat(Http is null ? [] : [Http]);

    /// <summary>The server answered over HTTP (any status): the network path to it works.</summary>
    public bool Reached => Http is { Outcome: ProbeOutcome.Ok or ProbeOutcome.HttpServerError or ProbeOutcome.HttpRateLimited };

    /// <summary>A TCP connection to one of its addresses succeeded.</summary>
    public bool Connected => Tcp.Any(probe => probe.Ok);
}
