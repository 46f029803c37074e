using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Probing.StatusPages;
using static IsItDownBot.Core.Tests.Explaining.EvidenceBuilder;

namespace IsItDownBot.Core.Tests.Explaining;

/// <summary>Every cause the explainer can give exists in French too, and the French is French.</summary>
public sealed class FrenchCauseTests
{
    private const string Www = "https://www.facebook.com/";
    private const string Graph = "https://graph.facebook.com/";

    public static TheoryData<string, ProbeEvidence> EveryCause => new()
    {
        { CauseCodes.Ok, Round([Healthy(Www)]) },
        { CauseCodes.LocalNetwork, Round([DnsFails(Www, ProbeOutcome.Timeout)], control: Control(reachable: false)) },
        { CauseCodes.DnsNxDomain, Round([DnsFails(Www, ProbeOutcome.DnsNxDomain)]) },
        { CauseCodes.DnsNoAddress, Round([DnsFails(Www, ProbeOutcome.DnsNoAddresses)]) },
        { CauseCodes.DnsServFail, Round([DnsFails(Www, ProbeOutcome.DnsServFail)], Delegation(DelegationStatus.ParentUnreachable)) },
        { CauseCodes.DnsAuthoritativeUnreachable, Round([DnsFails(Www, ProbeOutcome.DnsServFail)], Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout)) },
        { CauseCodes.DnsLameDelegation, Round([DnsFails(Www, ProbeOutcome.DnsServFail)], Delegation(DelegationStatus.Lame, ProbeOutcome.DnsRefused)) },
        { CauseCodes.DnsResolverSide, Round([DnsFails(Www, ProbeOutcome.DnsServFail)], Delegation(DelegationStatus.Healthy, ProbeOutcome.Ok)) },
        { CauseCodes.StatusPageIncident, Round([Healthy(Www)]) with { StatusPage = new(new Uri("https://status.example/"), StatusPageState.Critical, "Down", [], [], "critical", TimeSpan.Zero) } },
        { CauseCodes.DnsResolver, Round([Healthy(Www) with { Dns = [Probe(ProbeKind.Dns, ProbeOutcome.Ok, "1.1.1.1"), Probe(ProbeKind.Dns, ProbeOutcome.DnsServFail, "8.8.8.8")] }]) },
        { CauseCodes.TcpRefused, Round([TcpFails(Www, ProbeOutcome.ConnectionRefused)]) },
        { CauseCodes.TcpTimeout, Round([TcpFails(Www, ProbeOutcome.Timeout)]) },
        { CauseCodes.TlsCertificate, Round([TlsFails(Www, ProbeOutcome.CertificateExpired)]) },
        { CauseCodes.TlsHandshake, Round([TlsFails(Www, ProbeOutcome.TlsHandshakeFailed)]) },
        { CauseCodes.HttpServerError, Round([HttpAnswers(Www, ProbeOutcome.HttpServerError, 503)]) },
        { CauseCodes.HttpRateLimited, Round([HttpAnswers(Www, ProbeOutcome.HttpRateLimited, 429)]) },
        { CauseCodes.HttpTimeout, Round([HttpAnswers(Www, ProbeOutcome.Timeout, null)]) },
        { CauseCodes.HttpError, Round([HttpAnswers(Www, ProbeOutcome.HttpProtocolError, null)]) },
        { CauseCodes.Slow, Round([Healthy(Www, httpMs: 5000)]) },
        { CauseCodes.Partial, Round([Healthy(Www), HttpAnswers(Graph, ProbeOutcome.HttpServerError, 503)]) },
    };

    [Theory]
    [MemberData(nameof(EveryCause))]
    public void Explain_GivesEveryCauseInEnglishAndFrench(string code, ProbeEvidence evidence)
    {
        var cause = Explainer.Explain(evidence, TimeSpan.FromSeconds(2)).Cause;

        Assert.Equal(code, cause.Code);
        Assert.NotEqual(cause.Summary.English, cause.Summary.French);
        Assert.NotEqual(cause.Explanation.English, cause.Explanation.French);
        Assert.DoesNotContain("{", cause.Summary.French + cause.Explanation.French, StringComparison.Ordinal);

        // French text uses French words: at least one of the usual small words appears.
        Assert.Matches(@"\b(le|la|les|de|des|du|est|sont|pas|ne)\b", cause.Explanation.French);
    }

    [Fact]
    public void Explain_InFrench_KeepsTechnicalTokensAsTheyAre()
    {
        var cause = Explainer.Explain(Round([HttpAnswers(Www, ProbeOutcome.HttpServerError, 503), HttpAnswers(Graph, ProbeOutcome.HttpServerError, 502)]), TimeSpan.FromSeconds(2)).Cause;

        Assert.Equal("Les serveurs de Facebook répondent 502, 503", cause.Summary.French);
    }

    [Fact]
    public void Explain_WhenACauseIsQuotedInsideAnother_KeepsTheServicesNameCapitalised()
    {
        var cause = Explainer.Explain(Round([Healthy(Www), HttpAnswers(Graph, ProbeOutcome.HttpServerError, 503)]), TimeSpan.FromSeconds(2)).Cause;

        Assert.Equal("Partly down: graph.facebook.com fails (Facebook's servers answer 503)", cause.Summary.English);
        Assert.Equal("Panne partielle : graph.facebook.com échoue (les serveurs de Facebook répondent 503)", cause.Summary.French);
        Assert.StartsWith("1 partie de Facebook sur 2 fonctionne,", cause.Explanation.French, StringComparison.Ordinal);
    }
}
