using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

public sealed class DnsCauseTests
{
    [Fact]
    public async Task Check_WhenResolversSayTheNameDoesNotExist_ReportsNxdomain()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.AddService("gone", "Gone", "gone.test", null, new Uri("https://www.gone.test/"));

        var report = await LoopbackBot.CheckAsync(world, "gone");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.DnsNxDomain, report.Cause.Code);
        Assert.Equal("DNS says www.gone.test does not exist", report.Cause.Summary.English);
        Assert.All(report.Probes.Where(probe => probe.Kind == ProbeKind.Dns && probe.Endpoint.Contains("gone", StringComparison.Ordinal)),
            probe => Assert.Equal(ProbeOutcome.DnsNxDomain, probe.Outcome));
    }

    [Fact]
    public async Task Check_WhenResolversServfailAndNoNameServerIsKnown_ReportsServfail()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(200));
        world.SetBehaviour("broken.test", DnsBehaviour.ServFail);

        var report = await LoopbackBot.CheckAsync(world, "broken");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.DnsServFail, report.Cause.Code);
        Assert.Equal("DNS failure: resolvers can't look up www.broken.test", report.Cause.Summary.English);
        Assert.Equal(0, web.RequestCount);
    }

    [Fact]
    public async Task Check_WhenTheNameExistsWithoutAnAddress_ReportsNoAddress()
    {
        await using var world = await LoopbackWorld.StartAsync();
        foreach (var resolver in world.Resolvers)
        {
            // The zone exists (it has name servers), but its apex has no A or AAAA record.
            resolver.AddNameServers("bare.test", ("ns1.elsewhere.test", LoopbackPorts.Address(81)));
        }

        world.AddService("bare", "Bare", "bare.test", null, new Uri("https://bare.test/"));

        var report = await LoopbackBot.CheckAsync(world, "bare");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.DnsNoAddress, report.Cause.Code);
    }

    [Theory]
    [InlineData("found.test")]
    [InlineData("www.found.test")] // a host, not a zone: the zone is found by walking up
    public async Task Check_WhenNameServersAreFoundThroughTheResolvers_AsksThemDirectly(string configuredZone)
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("www.found.test", LoopbackHttpsServer.Respond(200));
        world.AddService("found", "Found", configuredZone, null, web.UriFor("www.found.test"));
        var nameServerAddress = LoopbackPorts.Address(61);
        var port = LoopbackPorts.FindFreePort(nameServerAddress);
        var nameServer = world.Own(await LoopbackDnsServer.StartAsync(nameServerAddress, port));
        nameServer.Authoritative = true;
        nameServer.AddNameServers("found.test", ("ns1.found.test", nameServerAddress));
        foreach (var resolver in world.Resolvers)
        {
            resolver.AddNameServers("found.test", ("ns1.found.test", nameServerAddress));
        }

        world.Settings["IsItDown:Dns:AuthoritativePort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var report = await LoopbackBot.CheckAsync(world, "found");

        Assert.Equal(Verdict.Up, report.Verdict);
        var authoritative = report.Probes.Where(probe => probe.Kind == ProbeKind.Authoritative).ToList();
        Assert.Equal(2, authoritative.Count); // over UDP and over TCP
        Assert.All(authoritative, probe => Assert.Equal(ProbeOutcome.Ok, probe.Outcome));
        Assert.All(authoritative, probe => Assert.StartsWith("ns1.found.test", probe.Target, StringComparison.Ordinal));
        Assert.Contains("found.test SOA", nameServer.QueriedNames);
    }
}
