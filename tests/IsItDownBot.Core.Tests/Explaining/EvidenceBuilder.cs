using System.Net;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Probing.Dns;

namespace IsItDownBot.Core.Tests.Explaining;

/// <summary>Recorded evidence, built by hand, for testing the explainer without a network.</summary>
internal static class EvidenceBuilder
{
    public static readonly ServiceDefinition Facebook = new(
        "facebook", "Facebook", ["fb"], "meta", "facebook.com",
        [new Uri("https://www.facebook.com/"), new Uri("https://graph.facebook.com/")],
        [new AuthoritativeServer("a.ns.facebook.com", IPAddress.Parse("129.134.30.12"))]);

    private static readonly IPAddress Address = IPAddress.Parse("157.240.1.35");

    public static ProbeResult Probe(ProbeKind kind, ProbeOutcome outcome, string target = "t", double ms = 20, int? status = null) =>
        new(kind == ProbeKind.Authoritative ? Facebook.Zone : "e", kind, target, outcome, TimeSpan.FromMilliseconds(ms), outcome.ToString())
        {
            HttpStatus = status,
            Addresses = kind == ProbeKind.Dns && outcome == ProbeOutcome.Ok ? [Address] : [],
        };

    public static EndpointEvidence Healthy(string url, double httpMs = 20) => new(
        new Uri(url),
        [Probe(ProbeKind.Dns, ProbeOutcome.Ok, "1.1.1.1"), Probe(ProbeKind.Dns, ProbeOutcome.Ok, "8.8.8.8")],
        [Probe(ProbeKind.Tcp, ProbeOutcome.Ok)],
        Probe(ProbeKind.Tls, ProbeOutcome.Ok),
        Probe(ProbeKind.Http, ProbeOutcome.Ok, ms: httpMs, status: 200));

    public static EndpointEvidence DnsFails(string url, ProbeOutcome outcome) => new(
        new Uri(url),
        [Probe(ProbeKind.Dns, outcome, "1.1.1.1"), Probe(ProbeKind.Dns, outcome, "8.8.8.8")],
        [ProbeResult.Skip(url, ProbeKind.Tcp, "host", "no address found")],
        null,
        null);

    public static EndpointEvidence TcpFails(string url, ProbeOutcome outcome) =>
        Healthy(url) with { Tcp = [Probe(ProbeKind.Tcp, outcome)], Tls = null, Http = null };

    public static EndpointEvidence TlsFails(string url, ProbeOutcome outcome) =>
        Healthy(url) with { Tls = Probe(ProbeKind.Tls, outcome), Http = ProbeResult.Skip(url, ProbeKind.Http, url, "not sent") };

    public static EndpointEvidence HttpAnswers(string url, ProbeOutcome outcome, int? status) =>
        Healthy(url) with { Http = Probe(ProbeKind.Http, outcome, status: status) };

    public static ProbeEvidence Round(
        IReadOnlyList<EndpointEvidence> endpoints,
        DelegationEvidence? delegation = null,
        ControlEvidence? control = null) =>
        new(Facebook, endpoints, delegation ?? Delegation(DelegationStatus.Healthy, ProbeOutcome.Ok), control ?? Control(reachable: true));

    /// <summary>facebook.com's delegation as the parent gave it, with one check per outcome.</summary>
    public static DelegationEvidence Delegation(DelegationStatus status, params ProbeOutcome[] outcomes) => new(
        Facebook.Zone,
        status,
        NameServerSource.Parent,
        ["a.ns.facebook.com"],
        [.. Facebook.NameServers],
        [],
        [.. outcomes.Select(outcome => new NameServerCheck("a.ns.facebook.com", Facebook.NameServers[0].Address!, DnsTransport.Udp,
            Probe(ProbeKind.Authoritative, outcome), outcome == ProbeOutcome.Ok ? 1u : null))]);

    /// <summary>A TCP attempt to <paramref name="address"/> that the bot's own machine had no route for.</summary>
    public static ProbeResult NoRouteFromHere(string address) =>
        Probe(ProbeKind.Tcp, ProbeOutcome.Unreachable, $"[{address}]:443") with
        {
            TcpTarget = new IPEndPoint(IPAddress.Parse(address), 443),
            NoRouteFromHere = true,
        };

    /// <summary>An endpoint whose addresses are all IPv6, tried from a machine without IPv6.</summary>
    public static EndpointEvidence Ipv6OnlyFromHere(string url) =>
        Healthy(url) with { Tcp = [NoRouteFromHere("2a03:2880:f10c:83:face:b00c:0:25de"), NoRouteFromHere("2a03:2880:f10c:83:face:b00c:0:25df")], Tls = null, Http = null };

    /// <summary>Control hosts that connected over IPv4 only.</summary>
    public static ControlEvidence ControlOverIpv4Only() => new(
        [Healthy("https://control.example/") with
        {
            Tcp = [Probe(ProbeKind.Tcp, ProbeOutcome.Ok, "9.9.9.9:443") with { TcpTarget = new IPEndPoint(IPAddress.Parse("9.9.9.9"), 443) }],
        }]);

    public static ControlEvidence Control(bool reachable) => new(
        [reachable ? Healthy("https://control.example/") : TcpFails("https://control.example/", ProbeOutcome.Timeout)]);
}
