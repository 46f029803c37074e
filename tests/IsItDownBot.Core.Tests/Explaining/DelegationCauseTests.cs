using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using static IsItDownBot.Core.Tests.Explaining.EvidenceBuilder;

namespace IsItDownBot.Core.Tests.Explaining;

/// <summary>What the zone's own name servers, asked directly, say about a DNS failure, and about a service that works.</summary>
public sealed class DelegationCauseTests
{
    private const string Www = "https://www.facebook.com/";
    private const string Graph = "https://graph.facebook.com/";
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public void Explain_WhenResolversFailAndTheNameServersRefuseTheZone_BlamesALameDelegation()
    {
        var evidence = Round([DnsFails(Www, ProbeOutcome.DnsServFail)], Delegation(DelegationStatus.Lame, ProbeOutcome.DnsRefused));

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.DnsLameDelegation, diagnosis.Cause.Code);
        Assert.Equal("DNS failure: facebook.com's name servers refuse to answer for it (lame delegation)", diagnosis.Cause.Summary.English);
        Assert.Contains("a.ns.facebook.com", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Equal("Panne DNS : les serveurs de noms de facebook.com refusent de répondre pour lui (délégation boiteuse)", diagnosis.Cause.Summary.French);
    }

    [Fact]
    public void Explain_WhenResolversFailAndOneProvidersServersDisagree_BlamesTheResolversAndNotesTheSerials()
    {
        // Servers out of step still answer: the resolvers' failure is not theirs.
        var delegation = Delegation(DelegationStatus.SerialMismatch, ProbeOutcome.Ok) with
        {
            Checks =
            [
                Check("a.ns.facebook.com", 2021100401),
                Check("b.ns.facebook.com", 2021100317),
                Check("dns1.p01.nsone.net", 7),
            ],
        };

        var diagnosis = Explainer.Explain(Round([DnsFails(Www, ProbeOutcome.DnsServFail)], delegation), SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.DnsResolverSide, diagnosis.Cause.Code);
        Assert.DoesNotContain("serial", diagnosis.Cause.Explanation.English, StringComparison.OrdinalIgnoreCase);
        var note = Assert.Single(diagnosis.Notes);
        Assert.Equal(
            "Some of facebook.com's name servers at the same DNS provider disagree about the zone (SOA serials 2021100317 (b.ns.facebook.com), "
            + "2021100401 (a.ns.facebook.com)): a change is still being published, or a server is stuck on an old copy; some people may get outdated answers.",
            note.English);
        Assert.StartsWith("Certains serveurs de noms de facebook.com chez le même fournisseur DNS ne sont pas d’accord", note.French, StringComparison.Ordinal);
        Assert.Contains("2021100317 (b.ns.facebook.com), 2021100401 (a.ns.facebook.com)", note.French, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenTheServiceWorksAndOneProvidersServersDisagree_StaysUpWithANote()
    {
        var delegation = Delegation(DelegationStatus.SerialMismatch) with
        {
            Checks = [Check("a.ns.facebook.com", 2021100401), Check("b.ns.facebook.com", 2021100317)],
        };

        var diagnosis = Explainer.Explain(Round([Healthy(Www)], delegation), SlowAfter);

        Assert.Equal(Verdict.Up, diagnosis.Verdict);
        Assert.Equal(CauseCodes.Ok, diagnosis.Cause.Code);
        Assert.Contains("SOA serials 2021100317 (b.ns.facebook.com), 2021100401 (a.ns.facebook.com)", Assert.Single(diagnosis.Notes).English, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenResolversFailButTheNameServersAnswer_BlamesTheResolverSide()
    {
        var diagnosis = Explainer.Explain(
            Round([DnsFails(Www, ProbeOutcome.DnsServFail), DnsFails(Graph, ProbeOutcome.DnsServFail)], Delegation(DelegationStatus.Healthy, ProbeOutcome.Ok)),
            SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(CauseCodes.DnsResolverSide, diagnosis.Cause.Code);
        Assert.Equal("DNS failure at the resolvers: facebook.com's own name servers answer correctly", diagnosis.Cause.Summary.English);
        Assert.Contains("DNSSEC", diagnosis.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
    }

    [Fact]
    public void Explain_WhenTheServiceWorksButItsNameServersAreSilent_WarnsThatCachesWillRunOut()
    {
        var evidence = Round([Healthy(Www)], Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout, ProbeOutcome.Timeout));

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Degraded, diagnosis.Verdict);
        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, diagnosis.Cause.Code);
        Assert.Equal("Facebook still works, but facebook.com's name servers do not answer", diagnosis.Cause.Summary.English);
    }

    [Fact]
    public void Explain_WhenSilentNameServersCameFromTheCatalogNotTheParent_SaysNothingOfThem()
    {
        // Without the parent's answer the bot cannot tell silent servers from a network that blocks direct DNS.
        var delegation = Delegation(DelegationStatus.Unreachable, ProbeOutcome.Timeout) with { Source = NameServerSource.Catalog };

        var diagnosis = Explainer.Explain(Round([Healthy(Www)], delegation), SlowAfter);

        Assert.Equal(Verdict.Up, diagnosis.Verdict);
        Assert.Empty(diagnosis.Notes);
    }

    [Theory]
    [InlineData(DelegationStatus.PartlyUnreachable, "Some of facebook.com's name servers do not answer (b.ns.facebook.com); the others still cover for them.")]
    [InlineData(DelegationStatus.Lame, "Some of facebook.com's name servers refuse the zone or answer without authority (b.ns.facebook.com): a lame delegation that makes some lookups fail.")]
    public void Explain_WhenTheServiceWorksAndOneNameServerMisbehaves_AddsANote(DelegationStatus status, string note)
    {
        var misbehaving = status == DelegationStatus.Lame ? ProbeOutcome.DnsRefused : ProbeOutcome.Timeout;
        var delegation = Delegation(status) with
        {
            Checks = [Check("a.ns.facebook.com", 7), Check("b.ns.facebook.com", null, misbehaving)],
        };

        var diagnosis = Explainer.Explain(Round([Healthy(Www)], delegation), SlowAfter);

        Assert.Equal(Verdict.Up, diagnosis.Verdict);
        Assert.Equal(note, Assert.Single(diagnosis.Notes).English);
    }

    private static NameServerCheck Check(string server, uint? serial, ProbeOutcome outcome = ProbeOutcome.Ok) =>
        new(server, Facebook.NameServers[0].Address!, Core.Probing.Dns.DnsTransport.Udp, Probe(ProbeKind.Authoritative, outcome), serial);
}
