using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Rendering;

namespace IsItDownBot.Core.Tests.Rendering;

public sealed class EvidenceSummaryTests
{
    private const string Www = "https://www.facebook.com/";
    private const string Zone = "facebook.com";

    private static readonly ServiceDefinition Facebook = new("facebook", "Facebook", [], "meta", Zone, [new Uri(Www)], []);

    [Fact]
    public void Summarise_WhenResolversDisagree_CountsEachOutcomeTheMostCommonFirst()
    {
        var lines = Summarise(
            Probe(Www, ProbeKind.Dns, "1.1.1.1", ProbeOutcome.Ok),
            Probe(Www, ProbeKind.Dns, "8.8.8.8", ProbeOutcome.DnsServFail),
            Probe(Www, ProbeKind.Dns, "9.9.9.9", ProbeOutcome.DnsServFail),
            Probe(Www, ProbeKind.Tcp, "157.240.1.35:443", ProbeOutcome.Timeout, TimeSpan.FromSeconds(5)));

        Assert.Equal(
            [
                ("www.facebook.com", "2 of 3 resolvers: SERVFAIL; 1 of 3: answered", "2 sur 3 résolveurs : SERVFAIL; 1 sur 3 : ont répondu"),
                ("www.facebook.com", "1 of 1 address: no answer", "1 sur 1 adresse : pas de réponse"),
            ],
            lines);
    }

    [Fact]
    public void Summarise_WhenANameServerFailsOverOneTransportOnly_SaysWhichTransport()
    {
        var lines = Summarise(
            Probe(Zone, ProbeKind.Authoritative, "root (198.41.0.4)", ProbeOutcome.Ok),
            Probe(Zone, ProbeKind.Authoritative, "a.ns.facebook.com (129.134.30.12) UDP", ProbeOutcome.Timeout),
            Probe(Zone, ProbeKind.Authoritative, "a.ns.facebook.com (129.134.30.12) TCP", ProbeOutcome.Ok),
            Probe(Zone, ProbeKind.Authoritative, "b.ns.facebook.com (129.134.31.12) UDP", ProbeOutcome.Ok),
            Probe(Zone, ProbeKind.Authoritative, "b.ns.facebook.com (129.134.31.12) TCP", ProbeOutcome.Ok),
            Probe(Zone, ProbeKind.Authoritative, "c.ns.facebook.com (185.89.218.12) UDP", ProbeOutcome.Ok),
            Probe(Zone, ProbeKind.Authoritative, "c.ns.facebook.com (185.89.218.12) TCP", ProbeOutcome.Ok));

        Assert.Equal(
            [
                (Zone, "1 of 1 lookup from the root: answered", "1 sur 1 requête depuis la racine : ont répondu"),
                (Zone, "2 of 3 name servers: answered (UDP and TCP); 1 of 3: no answer (UDP), answered (TCP)",
                    "2 sur 3 serveurs de noms : ont répondu (UDP et TCP); 1 sur 3 : pas de réponse (UDP), ont répondu (TCP)"),
            ],
            lines);
    }

    [Fact]
    public void Summarise_WhenOneControlHostFails_CountsTheReachableOnesOnOneLine()
    {
        var lines = Summarise(
            Probe(Www, ProbeKind.Dns, "1.1.1.1", ProbeOutcome.DnsServFail),
            Probe("https://one.one.one.one/", ProbeKind.Dns, "1.1.1.1", ProbeOutcome.Ok),
            Probe("https://one.one.one.one/", ProbeKind.Tcp, "1.1.1.1:443", ProbeOutcome.Ok),
            Probe("https://one.one.one.one/", ProbeKind.Tls, "one.one.one.one at 1.1.1.1:443", ProbeOutcome.Ok),
            Probe("https://one.one.one.one/", ProbeKind.Http, "GET https://one.one.one.one/", ProbeOutcome.Ok) with { HttpStatus = 200 },
            Probe("https://www.wikipedia.org/", ProbeKind.Dns, "1.1.1.1", ProbeOutcome.Ok),
            Probe("https://www.wikipedia.org/", ProbeKind.Tcp, "185.15.58.224:443", ProbeOutcome.ConnectionRefused));

        Assert.Equal(
            [
                ("www.facebook.com", "1 of 1 resolver: SERVFAIL", "1 sur 1 résolveur : SERVFAIL"),
                ("control hosts", "1 of 2 reachable", "1 sur 2 joignables"),
            ],
            lines);
    }

    [Fact]
    public void Summarise_LeavesOutStepsThatNeverRanAndNamesTheHttpStatus()
    {
        var lines = Summarise(
            Probe(Www, ProbeKind.Dns, "1.1.1.1", ProbeOutcome.Ok),
            Probe(Www, ProbeKind.Tcp, "157.240.1.35:443", ProbeOutcome.Ok),
            Probe(Www, ProbeKind.Tls, "www.facebook.com at 157.240.1.35:443", ProbeOutcome.CertificateExpired),
            ProbeResult.Skip(Www, ProbeKind.Http, Www, "not sent: no secure connection"));

        Assert.Equal(
            [
                ("www.facebook.com", "1 of 1 resolver: answered", "1 sur 1 résolveur : ont répondu"),
                ("www.facebook.com", "1 of 1 address: connected", "1 sur 1 adresse : connexion établie"),
                ("www.facebook.com", "TLS: certificate expired", "TLS : certificat expiré"),
            ],
            lines);
        Assert.Equal(
            "HTTP: 503",
            EvidenceSummary.Summarise(Report([Probe(Www, ProbeKind.Http, Www, ProbeOutcome.HttpServerError) with { HttpStatus = 503 }])).Single().Text.English);
    }

    [Fact]
    public void Summarise_WhenEveryLayerOfAnEndpointPassed_SaysSoInOneLine()
    {
        var lines = Summarise(
            Probe(Www, ProbeKind.Dns, "1.1.1.1", ProbeOutcome.Ok),
            Probe(Www, ProbeKind.Dns, "8.8.8.8", ProbeOutcome.Ok),
            Probe(Www, ProbeKind.Tcp, "157.240.1.35:443", ProbeOutcome.Ok),
            Probe(Www, ProbeKind.Tls, "www.facebook.com at 157.240.1.35:443", ProbeOutcome.Ok),
            Probe(Www, ProbeKind.Http, "GET https://www.facebook.com/", ProbeOutcome.Ok) with { HttpStatus = 200 });

        Assert.Equal([("www.facebook.com", "all fine: DNS, TCP, TLS, HTTP 200", "tout va bien : DNS, TCP, TLS, HTTP 200")], lines);
    }

    [Fact]
    public void Summarise_WhenATargetWasRefusedBeforeAnyPacket_SaysRefusedWithoutGuessingWhy()
    {
        // A private address and a port that is not a web port are both refused; the cause sentence says which.
        var lines = Summarise(Probe(Www, ProbeKind.Tcp, "www.facebook.com", ProbeOutcome.Blocked));

        Assert.Equal([("www.facebook.com", "1 of 1 address: not probed: refused for safety", "1 sur 1 adresse : pas testé : refusé par sécurité")], lines);
    }

    private static List<(string Subject, string English, string French)> Summarise(params ProbeResult[] probes) =>
        [.. EvidenceSummary.Summarise(Report(probes)).Select(line => (line.Subject.English, line.Text.English, line.Text.French))];

    private static StatusReport Report(IReadOnlyList<ProbeResult> probes) =>
        new(Facebook, Verdict.Down, new Cause(CauseCodes.DnsAuthoritativeUnreachable, new("down", "en panne"), new("why", "pourquoi")),
            DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(3), probes);

    // Latencies differ from probe to probe, as they do in a real round: the summary must not tell them apart for it.
    private static ProbeResult Probe(string endpoint, ProbeKind kind, string target, ProbeOutcome outcome, TimeSpan? latency = null) =>
        new(endpoint, kind, target, outcome, latency ?? TimeSpan.FromMilliseconds(target.Length * 7), $"{outcome} after {target.Length * 7} ms");
}
