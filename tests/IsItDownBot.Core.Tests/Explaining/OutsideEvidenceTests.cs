using System.Net;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Probing.StatusPages;
using static IsItDownBot.Core.Tests.Explaining.EvidenceBuilder;

namespace IsItDownBot.Core.Tests.Explaining;

/// <summary>Routing data and the operator's status page, read next to the probes.</summary>
public sealed class OutsideEvidenceTests
{
    private const string Www = "https://www.facebook.com/";
    private const string Graph = "https://graph.facebook.com/";
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(2);
    private static readonly IPAddress NameServer = IPAddress.Parse("129.134.30.12");

    [Fact]
    public void Explain_WhenTheNameServersPrefixesAreWithdrawn_SaysTheRoutesAreGone()
    {
        var evidence = October2021() with { Routing = new RoutingEvidence(true, [Route(RouteState.Withdrawn)], []) };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, diagnosis.Cause.Code);
        Assert.Equal(
            "DNS failure: the routes to facebook.com's name servers have been withdrawn from the internet, so no one can find Facebook's servers",
            diagnosis.Cause.Summary.English);
        Assert.Contains("no longer see 129.134.30.12", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
        Assert.StartsWith("Panne DNS : les routes vers les serveurs de noms de facebook.com ont été retirées d’internet", diagnosis.Cause.Summary.French, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenTheNameServersPrefixesAreStillAnnounced_SaysTheServersThemselvesAreSilent()
    {
        var evidence = October2021() with { Routing = new RoutingEvidence(true, [Route(RouteState.Announced, "129.134.30.0/23")], []) };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal("DNS failure: facebook.com's name servers are unreachable, so no one can find Facebook's servers", diagnosis.Cause.Summary.English);
        Assert.Equal(
            "The routes to facebook.com's name servers are still announced (129.134.30.0/23): the servers themselves do not answer.",
            Assert.Single(diagnosis.Notes).English);
    }

    [Fact]
    public void Explain_WhenConnectionsTimeOutAndTheServersRoutesAreWithdrawn_SaysSo()
    {
        var evidence = Round([TcpFails(Www, ProbeOutcome.Timeout), TcpFails(Graph, ProbeOutcome.Timeout)])
            with { Routing = new RoutingEvidence(true, [], [Route(RouteState.Withdrawn, address: "157.240.1.35")]) };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(CauseCodes.TcpTimeout, diagnosis.Cause.Code);
        Assert.Equal("Facebook's servers are unreachable: the routes to them have been withdrawn from the internet", diagnosis.Cause.Summary.English);
    }

    [Fact]
    public void Explain_WhenOneAddressIsNotSeenAndTheRoutingSourceGaveNoAnswerForTheOthers_SaysTheDataWasIncomplete()
    {
        RouteVisibility[] routes =
        [
            Route(RouteState.Withdrawn),
            .. Enumerable.Range(1, 7).Select(i => Route(RouteState.Unknown, address: $"129.134.31.{i}")),
        ];
        var withoutRouting = Explainer.Explain(October2021(), SlowAfter);

        var diagnosis = Explainer.Explain(October2021() with { Routing = new RoutingEvidence(true, routes, []) }, SlowAfter);

        Assert.Equal(withoutRouting.Cause, diagnosis.Cause);
        Assert.Equal(withoutRouting.Confidence, diagnosis.Confidence);
        var note = Assert.Single(diagnosis.Notes);
        Assert.Equal(
            "Routing data was incomplete: the routing source answered for 1 of the 8 addresses asked about, too few to tell whether their routes were withdrawn.",
            note.English);
        Assert.Equal(
            "Les données de routage étaient incomplètes : la source de routage a répondu pour 1 des 8 adresses demandées, trop peu pour dire si leurs routes ont été retirées.",
            note.French);
    }

    [Fact]
    public void Explain_WhenConnectionsTimeOutAndTheSourceAnsweredForOnlyHalfTheServers_ClaimsNoWithdrawal()
    {
        var evidence = Round([TcpFails(Www, ProbeOutcome.Timeout), TcpFails(Graph, ProbeOutcome.Timeout)]) with
        {
            Routing = new RoutingEvidence(true, [], [Route(RouteState.Withdrawn, address: "157.240.1.35"), Route(RouteState.Unknown, address: "157.240.2.35")]),
        };
        var withoutRouting = Explainer.Explain(evidence with { Routing = RoutingEvidence.NotAsked }, SlowAfter);

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(CauseCodes.TcpTimeout, diagnosis.Cause.Code);
        Assert.Equal(withoutRouting.Cause.Summary, diagnosis.Cause.Summary);
        Assert.Equal(withoutRouting.Confidence, diagnosis.Confidence);
        Assert.StartsWith("Routing data was incomplete: the routing source answered for 1 of the 2 addresses", Assert.Single(diagnosis.Notes).English, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenMostAddressesAreNotSeenAndTheRestGotNoAnswer_NamesOnlyThoseNotSeen()
    {
        RouteVisibility[] routes =
        [
            Route(RouteState.Withdrawn, address: "129.134.30.12"),
            Route(RouteState.Withdrawn, address: "129.134.31.12"),
            Route(RouteState.Unknown, address: "185.89.218.12"),
        ];

        var diagnosis = Explainer.Explain(October2021() with { Routing = new RoutingEvidence(true, routes, []) }, SlowAfter);

        Assert.Equal(
            "DNS failure: the routes to facebook.com's name servers have been withdrawn from the internet, so no one can find Facebook's servers",
            diagnosis.Cause.Summary.English);
        Assert.Contains("no longer see 129.134.30.12, 129.134.31.12:", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Contains("ne voient plus 129.134.30.12, 129.134.31.12 :", diagnosis.Cause.Explanation.French, StringComparison.Ordinal);
        Assert.DoesNotContain("185.89.218.12", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
    }

    [Fact]
    public void Explain_WhenTheRoutingSourceCouldNotAnswer_SaysWhatWasNotChecked()
    {
        var evidence = October2021() with { Routing = new RoutingEvidence(true, [Route(RouteState.Unknown)], []) };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal("DNS failure: facebook.com's name servers are unreachable, so no one can find Facebook's servers", diagnosis.Cause.Summary.English);
        Assert.Equal("Could not check in time: routing data.", Assert.Single(diagnosis.Notes).English);
        Assert.Equal("Impossible à vérifier à temps : les données de routage.", diagnosis.Notes[0].French);
    }

    [Fact]
    public void Explain_WhenTheStatusPageAdmitsTheOutage_QuotesItAndIsSurer()
    {
        var page = Page(StatusPageState.Major, "Partial System Outage", [new("API", "major_outage"), new("Voice", "degraded_performance")], [new("Elevated API errors", "investigating", "major")]);
        var evidence = Round([HttpAnswers(Www, ProbeOutcome.HttpServerError, 503)]) with { StatusPage = page };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
        Assert.Equal(
            "Facebook's status page admits it: “Partial System Outage” — API (major outage), Voice (degraded performance); “Elevated API errors” (investigating).",
            Assert.Single(diagnosis.Notes).English);
        Assert.Equal(
            "La page d’état de Facebook le reconnaît : “Partial System Outage” — API (panne majeure), Voice (performances dégradées) ; “Elevated API errors” (investigating).",
            diagnosis.Notes[0].French);
    }

    [Fact]
    public void Explain_WhenTheStatusPageSaysAllIsWellButDnsFails_NotesTheDisagreement()
    {
        var evidence = October2021() with { StatusPage = Page(StatusPageState.Operational, "All Systems Operational", [], []) };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(
            "Facebook's status page says all systems operational, but DNS failure: facebook.com's name servers are unreachable, so no one can find Facebook's servers.",
            Assert.Single(diagnosis.Notes).English);
    }

    [Fact]
    public void Explain_WhenTheStatusPageAdmitsAMajorOutageWhileProbesPass_SaysTheOperatorReportsIt()
    {
        var page = Page(StatusPageState.Major, "Major Service Outage", [new("Messages", "major_outage")], []);
        var evidence = Round([Healthy(Www), Healthy(Graph)]) with { StatusPage = page };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Degraded, diagnosis.Verdict);
        Assert.Equal(CauseCodes.StatusPageIncident, diagnosis.Cause.Code);
        Assert.Equal("Facebook answers from here, but its status page reports “Major Service Outage” — Messages (major outage)", diagnosis.Cause.Summary.English);
    }

    [Fact]
    public void Explain_WhenTheStatusPageAdmitsAMinorIncidentWhileProbesPass_StaysUpButLessSure()
    {
        var page = Page(StatusPageState.Minor, "Minor Service Outage", [new("Search", "partial_outage")], []);

        var diagnosis = Explainer.Explain(Round([Healthy(Www), Healthy(Graph)]) with { StatusPage = page }, SlowAfter);

        Assert.Equal(Verdict.Up, diagnosis.Verdict);
        Assert.Equal(Confidence.Medium, diagnosis.Confidence);
        Assert.StartsWith("Facebook's status page reports “Minor Service Outage” — Search (partial outage), but every check passed from here", Assert.Single(diagnosis.Notes).English, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenTheStatusPageCouldNotBeRead_NamesItAmongWhatWasNotChecked()
    {
        var evidence = October2021() with
        {
            StatusPage = Page(StatusPageState.Unavailable, "", [], []),
            Routing = new RoutingEvidence(true, [Route(RouteState.Unknown)], []),
        };

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal("Could not check in time: routing data, Facebook's status page.", Assert.Single(diagnosis.Notes).English);
    }

    private static ProbeEvidence October2021() =>
        Round(
            [DnsFails(Www, ProbeOutcome.DnsServFail), DnsFails(Graph, ProbeOutcome.DnsServFail)],
            Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout, ProbeOutcome.Timeout));

    private static RouteVisibility Route(RouteState state, string? prefix = null, string? address = null) =>
        new(address is null ? NameServer : IPAddress.Parse(address), state, prefix, state == RouteState.Announced ? 20 : 0, state == RouteState.Announced ? 300 : 0, state.ToString(), TimeSpan.Zero);

    private static StatusPageEvidence Page(StatusPageState state, string description, IReadOnlyList<StatusPageComponent> affected, IReadOnlyList<StatusPageIncident> incidents) =>
        new(new Uri("https://status.facebook.example/"), state, description, affected, incidents, state.ToString(), TimeSpan.Zero);
}
