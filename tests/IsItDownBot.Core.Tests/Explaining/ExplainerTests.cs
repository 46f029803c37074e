using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using static IsItDownBot.Core.Tests.Explaining.EvidenceBuilder;

namespace IsItDownBot.Core.Tests.Explaining;

public sealed class ExplainerTests
{
    private const string Www = "https://www.facebook.com/";
    private const string Graph = "https://graph.facebook.com/";
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public void Explain_WhenEveryStepPasses_SaysUpAndMaybeJustYou()
    {
        var diagnosis = Explainer.Explain(Round([Healthy(Www), Healthy(Graph)]), SlowAfter);

        Assert.Equal(Verdict.Up, diagnosis.Verdict);
        Assert.Equal(CauseCodes.Ok, diagnosis.Cause.Code);
        Assert.Contains("may be just you", diagnosis.Cause.Summary.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenResolversFailAndNameServersAreSilent_BlamesTheServicesNameServers()
    {
        var evidence = Round(
            [DnsFails(Www, ProbeOutcome.DnsServFail), DnsFails(Graph, ProbeOutcome.DnsServFail)],
            delegation: Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout, ProbeOutcome.Unreachable));

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, diagnosis.Cause.Code);
        Assert.Equal("DNS failure: facebook.com's name servers are unreachable, so no one can find Facebook's servers", diagnosis.Cause.Summary.English);
        Assert.Contains("on Facebook's side", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenResolversFailAndTheNameServersCouldNotBeAsked_ReportsServfail()
    {
        var evidence = Round(
            [DnsFails(Www, ProbeOutcome.DnsServFail), DnsFails(Graph, ProbeOutcome.Timeout)],
            delegation: Delegation(DelegationStatus.ParentUnreachable));

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.DnsServFail, diagnosis.Cause.Code);
    }

    [Fact]
    public void Explain_WhenResolversFailAndOnlySomeNameServersAreSilent_ReportsServfail()
    {
        var evidence = Round(
            [DnsFails(Www, ProbeOutcome.DnsServFail), DnsFails(Graph, ProbeOutcome.DnsServFail)],
            delegation: Delegation(DelegationStatus.PartlyUnreachable, ProbeOutcome.Timeout, ProbeOutcome.Ok));

        Assert.Equal(CauseCodes.DnsServFail, Explainer.Explain(evidence, SlowAfter).Cause.Code);
    }

    [Fact]
    public void Explain_WhenEveryResolverSaysNxdomain_SaysTheNameDoesNotExist()
    {
        var diagnosis = Explainer.Explain(Round([DnsFails(Www, ProbeOutcome.DnsNxDomain), DnsFails(Graph, ProbeOutcome.DnsNxDomain)]), SlowAfter);

        Assert.Equal(CauseCodes.DnsNxDomain, diagnosis.Cause.Code);
        Assert.Equal("DNS says www.facebook.com does not exist", diagnosis.Cause.Summary.English);
    }

    [Fact]
    public void Explain_WhenEverythingFailsIncludingControlHosts_BlamesTheBotsOwnNetwork()
    {
        var evidence = Round(
            [DnsFails(Www, ProbeOutcome.Timeout), DnsFails(Graph, ProbeOutcome.Timeout)],
            delegation: Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout),
            control: Control(reachable: false));

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Unknown, diagnosis.Verdict);
        Assert.Equal(CauseCodes.LocalNetwork, diagnosis.Cause.Code);
    }

    [Fact]
    public void Explain_WhenControlHostsFailButTheServiceAnswers_SaysUp()
    {
        var diagnosis = Explainer.Explain(Round([Healthy(Www), Healthy(Graph)], control: Control(reachable: false)), SlowAfter);

        Assert.Equal(Verdict.Up, diagnosis.Verdict);
    }

    [Fact]
    public void Explain_WhenSomeResolversFailAndOthersAnswer_ReportsAResolverProblem()
    {
        var split = Healthy(Www) with
        {
            Dns = [Probe(ProbeKind.Dns, ProbeOutcome.Ok, "1.1.1.1"), Probe(ProbeKind.Dns, ProbeOutcome.DnsServFail, "9.9.9.9")],
        };

        var diagnosis = Explainer.Explain(Round([split, Healthy(Graph)]), SlowAfter);

        Assert.Equal(Verdict.Degraded, diagnosis.Verdict);
        Assert.Equal(CauseCodes.DnsResolver, diagnosis.Cause.Code);
        Assert.Contains("9.9.9.9", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.DoesNotContain("1.1.1.1", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProbeOutcome.ConnectionRefused, CauseCodes.TcpRefused)]
    [InlineData(ProbeOutcome.Timeout, CauseCodes.TcpTimeout)]
    [InlineData(ProbeOutcome.Unreachable, CauseCodes.TcpTimeout)]
    public void Explain_WhenNoServerAcceptsConnections_NamesTheTcpFailure(ProbeOutcome outcome, string expectedCode)
    {
        var diagnosis = Explainer.Explain(Round([TcpFails(Www, outcome), TcpFails(Graph, outcome)]), SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(expectedCode, diagnosis.Cause.Code);
    }

    [Theory]
    [InlineData(ProbeOutcome.CertificateExpired, "expired")]
    [InlineData(ProbeOutcome.CertificateNotYetValid, "not valid yet")]
    [InlineData(ProbeOutcome.CertificateUntrusted, "not trusted")]
    [InlineData(ProbeOutcome.CertificateNameMismatch, "for another name")]
    public void Explain_WhenTheCertificateIsBad_SaysWhatIsWrongWithIt(ProbeOutcome outcome, string problem)
    {
        var diagnosis = Explainer.Explain(Round([TlsFails(Www, outcome), TlsFails(Graph, outcome)]), SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.TlsCertificate, diagnosis.Cause.Code);
        Assert.Equal($"Facebook's security certificate is {problem}", diagnosis.Cause.Summary.English);
    }

    [Fact]
    public void Explain_WhenTheHandshakeFails_ReportsTlsHandshake()
    {
        var diagnosis = Explainer.Explain(Round([TlsFails(Www, ProbeOutcome.TlsHandshakeFailed), TlsFails(Graph, ProbeOutcome.TlsHandshakeFailed)]), SlowAfter);

        Assert.Equal(CauseCodes.TlsHandshake, diagnosis.Cause.Code);
    }

    [Fact]
    public void Explain_WhenServersAnswer5xx_QuotesTheStatusCodes()
    {
        var evidence = Round([HttpAnswers(Www, ProbeOutcome.HttpServerError, 503), HttpAnswers(Graph, ProbeOutcome.HttpServerError, 502)]);

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.HttpServerError, diagnosis.Cause.Code);
        Assert.Equal("Facebook's servers answer 502, 503", diagnosis.Cause.Summary.English);
    }

    [Fact]
    public void Explain_WhenServersAnswer429_SaysDegradedNotDown()
    {
        var evidence = Round([HttpAnswers(Www, ProbeOutcome.HttpRateLimited, 429), HttpAnswers(Graph, ProbeOutcome.HttpRateLimited, 429)]);

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Degraded, diagnosis.Verdict);
        Assert.Equal(CauseCodes.HttpRateLimited, diagnosis.Cause.Code);
    }

    [Fact]
    public void Explain_WhenRequestsGetNoReply_ReportsHttpTimeout()
    {
        var evidence = Round([HttpAnswers(Www, ProbeOutcome.Timeout, null), HttpAnswers(Graph, ProbeOutcome.Timeout, null)]);

        Assert.Equal(CauseCodes.HttpTimeout, Explainer.Explain(evidence, SlowAfter).Cause.Code);
    }

    [Fact]
    public void Explain_WhenAnAnswerTakesLongerThanSlowAfter_SaysSlow()
    {
        var diagnosis = Explainer.Explain(Round([Healthy(Www, httpMs: 3500), Healthy(Graph)]), SlowAfter);

        Assert.Equal(Verdict.Degraded, diagnosis.Verdict);
        Assert.Equal(CauseCodes.Slow, diagnosis.Cause.Code);
        Assert.Contains("3.5 s", diagnosis.Cause.Summary.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenOneEndpointFailsAndAnotherWorks_SaysPartlyDownAndWhich()
    {
        var diagnosis = Explainer.Explain(Round([Healthy(Www), HttpAnswers(Graph, ProbeOutcome.HttpServerError, 500)]), SlowAfter);

        Assert.Equal(Verdict.Degraded, diagnosis.Verdict);
        Assert.Equal(CauseCodes.Partial, diagnosis.Cause.Code);
        Assert.Contains("graph.facebook.com", diagnosis.Cause.Summary.English, StringComparison.Ordinal);
        Assert.DoesNotContain("www.facebook.com", diagnosis.Cause.Summary.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenNameServersFoundThroughResolversAreSilentButEverythingWorks_SaysUp()
    {
        // Without the parent zone's answer the bot cannot tell silent name servers from a network that blocks
        // direct DNS: no verdict on that alone.
        var evidence = Round([Healthy(Www), Healthy(Graph)], delegation: Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout) with { Source = NameServerSource.Resolvers });

        Assert.Equal(Verdict.Up, Explainer.Explain(evidence, SlowAfter).Verdict);
    }

    [Fact]
    public void Explain_WhenAHostOutsideTheZoneFailsDns_DoesNotBlameTheZonesNameServers()
    {
        var outside = DnsFails("https://g.whatsapp.net/", ProbeOutcome.DnsServFail);
        var evidence = Round([outside], delegation: Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout));

        Assert.Equal(CauseCodes.DnsServFail, Explainer.Explain(evidence, SlowAfter).Cause.Code);
    }

    [Fact]
    public void Explain_WhenIpv6IsUnreachableFromHereAndIpv4Refuses_ReportsRefused()
    {
        var mixed = TcpFails(Www, ProbeOutcome.ConnectionRefused) with
        {
            Tcp = [Probe(ProbeKind.Tcp, ProbeOutcome.ConnectionRefused), Probe(ProbeKind.Tcp, ProbeOutcome.Unreachable)],
        };

        Assert.Equal(CauseCodes.TcpRefused, Explainer.Explain(Round([mixed]), SlowAfter).Cause.Code);
    }

    [Fact]
    public void Explain_WhenAnIpv6OnlySiteIsTriedFromABotWithoutIpv6_CannotTell()
    {
        var diagnosis = Explainer.Explain(Round([Ipv6OnlyFromHere(Www)], control: ControlOverIpv4Only()), SlowAfter);

        Assert.Equal(Verdict.Unknown, diagnosis.Verdict);
        Assert.Equal(CauseCodes.LocalNoRoute, diagnosis.Cause.Code);
        Assert.StartsWith("Can't test IPv6 from here", diagnosis.Cause.Summary.English, StringComparison.Ordinal);
        Assert.StartsWith("Impossible de tester l’IPv6 d’ici", diagnosis.Cause.Summary.French, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenOneEndpointIsUntestableFromHereAndTheOtherWorks_SaysUp()
    {
        var diagnosis = Explainer.Explain(Round([Ipv6OnlyFromHere(Www), Healthy(Graph)], control: ControlOverIpv4Only()), SlowAfter);

        Assert.Equal(Verdict.Up, diagnosis.Verdict);
    }

    [Fact]
    public void Explain_WhenTheControlHostsConnectOverIpv6_NoRouteToTheSiteIsItsFailure()
    {
        // The bot's network does carry IPv6: an address it cannot route to is the site's problem, as before.
        var ipv6Control = new ControlEvidence([Healthy("https://control.example/") with
        {
            Tcp = [Probe(ProbeKind.Tcp, ProbeOutcome.Ok) with { TcpTarget = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("2620:fe::fe"), 443) }],
        }]);

        var diagnosis = Explainer.Explain(Round([Ipv6OnlyFromHere(Www)], control: ipv6Control), SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.TcpTimeout, diagnosis.Cause.Code);
    }

    [Fact]
    public void Explain_WhenAResolverFailsForTheControlHostsToo_DoesNotBlameTheService()
    {
        var split = Healthy(Www) with
        {
            Dns = [Probe(ProbeKind.Dns, ProbeOutcome.Ok, "1.1.1.1"), Probe(ProbeKind.Dns, ProbeOutcome.Timeout, "system")],
        };
        var control = new ControlEvidence([Healthy("https://control.example/") with
        {
            Dns = [Probe(ProbeKind.Dns, ProbeOutcome.Ok, "1.1.1.1"), Probe(ProbeKind.Dns, ProbeOutcome.Timeout, "system")],
        }]);

        Assert.Equal(Verdict.Up, Explainer.Explain(Round([split], control: control), SlowAfter).Verdict);
    }

    [Fact]
    public void Explain_WhenControlHostsOnlyAcceptTcp_StillBlamesTheBotsNetwork()
    {
        // A captive portal or an intercepting proxy accepts connections for every address.
        var intercepted = new ControlEvidence([TlsFails("https://control.example/", ProbeOutcome.CertificateUntrusted)]);
        var evidence = Round([TlsFails(Www, ProbeOutcome.CertificateUntrusted)], control: intercepted);

        Assert.Equal(CauseCodes.LocalNetwork, Explainer.Explain(evidence, SlowAfter).Cause.Code);
    }

    [Fact]
    public void Explain_WhenTheTargetWasBlocked_RefusesInsteadOfBlaming()
    {
        var blocked = Healthy(Www) with
        {
            Tcp = [Probe(ProbeKind.Tcp, ProbeOutcome.Blocked)],
            Tls = null,
            Http = null,
        };

        var diagnosis = Explainer.Explain(Round([blocked]), SlowAfter);

        Assert.Equal(Verdict.Unknown, diagnosis.Verdict);
        Assert.Equal(CauseCodes.TargetRefused, diagnosis.Cause.Code);
    }
}
