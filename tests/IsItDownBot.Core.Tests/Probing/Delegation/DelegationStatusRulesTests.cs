using System.Net;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Probing.Dns;

namespace IsItDownBot.Core.Tests.Probing.Delegation;

public sealed class DelegationStatusRulesTests
{
    private static readonly IPAddress V4 = IPAddress.Parse("129.134.30.12");
    private static readonly IPAddress V6 = IPAddress.Parse("2a03:2880:f0fc:c:face:b00c:0:35");

    [Fact]
    public void Classify_WhenIpv6IsUnreachableFromHereButIpv4Answers_CountsTheServerAsAnswering()
    {
        NameServerCheck[] checks = [Check("a.ns", V4, ProbeOutcome.Ok), Check("a.ns", V6, ProbeOutcome.Unreachable)];

        Assert.Equal(DelegationStatus.Healthy, DelegationStatusRules.Classify(checks));
    }

    [Fact]
    public void Classify_WhenOneServerIsSilentAndAnotherLame_SaysPartlyUnreachableFirst()
    {
        NameServerCheck[] checks = [Check("a.ns", V4, ProbeOutcome.Timeout), Check("b.ns", V4, ProbeOutcome.DnsRefused)];

        Assert.Equal(DelegationStatus.PartlyUnreachable, DelegationStatusRules.Classify(checks));
    }

    [Fact]
    public void Classify_WhenAServerIsLameAndSerialsDiffer_SaysLameFirst()
    {
        NameServerCheck[] checks =
        [
            Check("a.ns", V4, ProbeOutcome.Ok, serial: 1), Check("b.ns", V4, ProbeOutcome.Ok, serial: 2),
            Check("c.ns", V4, ProbeOutcome.DnsNotAuthoritative),
        ];

        Assert.Equal(DelegationStatus.Lame, DelegationStatusRules.Classify(checks));
    }

    [Fact]
    public void Classify_WhenTwoProvidersNumberTheirCopiesDifferently_SaysHealthy()
    {
        // NS1 and Route 53 each serve the zone and each keeps its own serial: they always differ.
        NameServerCheck[] checks =
        [
            Check("dns1.p01.nsone.net", V4, ProbeOutcome.Ok, serial: 1700000000), Check("dns2.p01.nsone.net", V4, ProbeOutcome.Ok, serial: 1700000000),
            Check("ns-1.awsdns-01.org", V4, ProbeOutcome.Ok, serial: 1), Check("ns-2.awsdns-02.co.uk", V4, ProbeOutcome.Ok, serial: 2),
        ];

        Assert.Equal(DelegationStatus.Healthy, DelegationStatusRules.Classify(checks));
        Assert.Empty(DelegationStatusRules.OutOfStep(checks));
    }

    [Fact]
    public void Classify_WhenServersOfOneProviderDisagree_SaysSerialMismatch()
    {
        NameServerCheck[] checks =
        [
            Check("a.ns.facebook.com", V4, ProbeOutcome.Ok, serial: 2021100401), Check("B.NS.facebook.com", V4, ProbeOutcome.Ok, serial: 2021100317),
            Check("dns1.p01.nsone.net", V4, ProbeOutcome.Ok, serial: 7),
        ];

        Assert.Equal(DelegationStatus.SerialMismatch, DelegationStatusRules.Classify(checks));
        Assert.Equal(["a.ns.facebook.com", "B.NS.facebook.com"], DelegationStatusRules.OutOfStep(checks).Select(check => check.Server));
    }

    [Fact]
    public void Classify_WhenOneServerAnswersTheSameSerialOverBothAddresses_SaysHealthy()
    {
        NameServerCheck[] checks = [Check("a.ns.facebook.com", V4, ProbeOutcome.Ok, serial: 5), Check("a.ns.facebook.com", V6, ProbeOutcome.Ok, serial: 5)];

        Assert.Equal(DelegationStatus.Healthy, DelegationStatusRules.Classify(checks));
    }

    [Fact]
    public void Classify_WhenEveryAddressWasBlocked_SaysNotChecked()
    {
        NameServerCheck[] checks = [Check("a.ns", V4, ProbeOutcome.Blocked), Check("b.ns", V6, ProbeOutcome.Blocked)];

        Assert.Equal(DelegationStatus.NotChecked, DelegationStatusRules.Classify(checks));
    }

    [Fact]
    public void Classify_WhenNoServerAnswersOnAnyAddress_SaysUnreachable()
    {
        NameServerCheck[] checks = [Check("a.ns", V4, ProbeOutcome.Timeout), Check("a.ns", V6, ProbeOutcome.Unreachable), Check("b.ns", V4, ProbeOutcome.Timeout)];

        Assert.Equal(DelegationStatus.Unreachable, DelegationStatusRules.Classify(checks));
    }

    private static NameServerCheck Check(string server, IPAddress address, ProbeOutcome outcome, uint? serial = null) =>
        new(server, address, DnsTransport.Udp,
            new ProbeResult("facebook.com", ProbeKind.Authoritative, $"{server} ({address}) UDP", outcome, TimeSpan.FromMilliseconds(20), outcome.ToString()),
            outcome == ProbeOutcome.Ok ? serial ?? 1 : null);
}
