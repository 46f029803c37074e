using System.Text;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>DNS works; the connection, then the secure handshake, fail.</summary>
public sealed class ConnectionCauseTests
{
    [Fact]
    public async Task Check_WhenNothingListens_ReportsConnectionsRefused()
    {
        await using var world = await LoopbackWorld.StartAsync();
        using var closed = new ClosedPort(LoopbackWorld.Address);
        world.Resolve("www.refused.test", LoopbackWorld.Address);
        world.AddService("refused", "Refused", "refused.test", null, new Uri($"https://www.refused.test:{closed.Port}/"));

        var report = await LoopbackBot.CheckAsync(world, "refused");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.TcpRefused, report.Cause.Code);
        Assert.Equal("Refused's servers refuse connections", report.Cause.Summary.English);
    }

    [Fact]
    public async Task Check_WhenConnectionsGetNoAnswer_ReportsTcpTimeoutWithinTheDeadline()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var port = world.Own(await UnresponsiveTcpPort.StartAsync(LoopbackWorld.Address));
        world.Resolve("www.silent.test", LoopbackWorld.Address);
        world.AddService("silent", "Silent", "silent.test", null, new Uri($"https://www.silent.test:{port.Port}/"));
        world.Settings["IsItDown:Probes:Timeout"] = "00:00:01";

        var report = await LoopbackBot.CheckAsync(world, "silent");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.TcpTimeout, report.Cause.Code);
        // The deadline ends the round: the connection attempt does not run on for the kernel's minutes of retries.
        Assert.True(report.Duration < TimeSpan.FromSeconds(10), $"took {report.Duration}");
    }

    [Theory]
    [InlineData("expired", "expired", "certificate expired on")]
    [InlineData("not-yet-valid", "not valid yet", "certificate not valid before")]
    [InlineData("wrong-name", "for another name", "certificate is for another name (elsewhere.test)")]
    [InlineData("untrusted", "not trusted", "certificate not issued by a trusted authority")]
    public async Task Check_WhenTheCertificateIsBad_SaysWhichProblem(string kind, string summaryWords, string detail)
    {
        await using var world = await LoopbackWorld.StartAsync();
        const string host = "www.cert.test";
        var certificate = kind switch
        {
            "expired" => world.Authority.IssueExpired(host),
            "not-yet-valid" => world.Authority.IssueNotYetValid(host),
            "wrong-name" => world.Authority.IssueValid("elsewhere.test"),
            _ => ThrowawayCertificateAuthority.SelfSigned(host),
        };
        var web = await world.StartHttpsAsync(host, LoopbackHttpsServer.Respond(200), certificate);
        world.AddService("cert", "Cert", "cert.test", null, web.UriFor(host));

        var report = await LoopbackBot.CheckAsync(world, "cert");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.TlsCertificate, report.Cause.Code);
        Assert.Equal($"Cert's security certificate is {summaryWords}", report.Cause.Summary.English);
        var tls = Assert.Single(report.Probes, probe => probe.Kind == ProbeKind.Tls && probe.Endpoint.Contains("cert.test", StringComparison.Ordinal));
        Assert.StartsWith(detail, tls.Detail, StringComparison.Ordinal);
        Assert.Equal(0, web.RequestCount);
    }

    [Fact]
    public async Task Check_WhenTheCertificateNamesAUrlToFetchItsIssuer_NeverFetchesIt()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var bait = world.Own(new RawTcpServer(LoopbackPorts.Address(71), RawTcpServer.StaySilent()));
        var certificate = world.Authority.IssueFromMissingIntermediate("www.bait.test", new Uri($"http://{bait.EndPoint}/intermediate.cer"));
        await world.StartServiceAsync("bait", "Bait", LoopbackHttpsServer.Respond(200), certificate: certificate);

        var report = await LoopbackBot.CheckAsync(world, "bait");

        // Fetching it would let any server make the bot open a URL of its choosing, and would stall the round.
        Assert.Equal(0, bait.ConnectionCount);
        Assert.Equal(CauseCodes.TlsChainIncomplete, report.Cause.Code);
        Assert.Contains(report.Probes, probe => probe.Outcome == ProbeOutcome.CertificateChainIncomplete);
    }

    [Fact]
    public async Task Check_WhenTheServerLeavesOutItsIntermediateCertificate_ReportsDegradedNotDown()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var issuers = world.Own(new RawTcpServer(LoopbackPorts.Address(72), RawTcpServer.StaySilent()));
        var certificate = world.Authority.IssueFromMissingIntermediate("www.chain.test", new Uri($"http://{issuers.EndPoint}/intermediate.cer"));
        await world.StartServiceAsync("chain", "Chain", LoopbackHttpsServer.Respond(200), certificate: certificate);

        var report = await LoopbackBot.CheckAsync(world, "chain");

        // Browsers fetch the missing intermediate and work: not an outage for everyone.
        Assert.Equal(Verdict.Degraded, report.Verdict);
        Assert.Equal(CauseCodes.TlsChainIncomplete, report.Cause.Code);
        Assert.Equal("Incomplete certificate chain: some apps and older clients fail, browsers usually work", report.Cause.Summary.English);
        Assert.StartsWith("Chaîne de certificats incomplète", report.Cause.Summary.French, StringComparison.Ordinal);
        var tls = Assert.Single(report.Probes, probe => probe.Kind == ProbeKind.Tls && probe.Endpoint.Contains("chain.test", StringComparison.Ordinal));
        Assert.Equal("certificate chain incomplete: the server does not send the intermediate certificate (issuer: IsItDownBot Test Intermediate)", tls.Detail);
    }

    [Fact]
    public async Task Check_WhenTheServerAnswersGarbageToTls_ReportsAHandshakeFailure()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var garbage = world.Own(new RawTcpServer(LoopbackWorld.Address, RawTcpServer.WriteThenClose(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6\r\n"))));
        world.Resolve("www.garbage.test", LoopbackWorld.Address);
        world.AddService("garbage", "Garbage", "garbage.test", null, new Uri($"https://www.garbage.test:{garbage.Port}/"));

        var report = await LoopbackBot.CheckAsync(world, "garbage");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.TlsHandshake, report.Cause.Code);
    }
}
