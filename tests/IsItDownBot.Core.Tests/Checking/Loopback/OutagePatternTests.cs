using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>Whole outages, reproduced on loopback servers, and what the bot says about them.</summary>
public sealed class OutagePatternTests
{
    [Fact]
    public async Task Check_WhenEverythingAnswers_SaysUp()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("facebook", "Facebook", LoopbackHttpsServer.Respond(200, "proxygen"), "meta");

        var report = await LoopbackBot.CheckAsync(world, "facebook");

        Assert.Equal(Verdict.Up, report.Verdict);
        Assert.Equal(CauseCodes.Ok, report.Cause.Code);
        var http = Assert.Single(report.Probes, probe => probe.Kind == ProbeKind.Http);
        Assert.Equal(200, http.HttpStatus);
        Assert.Contains("proxygen", http.Detail, StringComparison.Ordinal);
        Assert.Contains(report.Probes, probe => probe.Kind == ProbeKind.Tls && probe.Detail.Contains("days left", StringComparison.Ordinal));
    }

    /// <summary>
    /// 4 October 2021: resolvers answer SERVFAIL for every name in the zone, the TLD's servers still hand out the
    /// zone's delegation, the zone's name servers do not answer at all (their routes were withdrawn), and the
    /// rest of the internet is fine. The catalog names no name server: they come from the root and the TLD.
    /// </summary>
    [Fact]
    public async Task Check_WhenResolversServfailAndNameServersAreSilent_BlamesTheServiceLikeOctober2021()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("www.facebook.test", LoopbackHttpsServer.Respond(200));
        var graph = await world.StartHttpsAsync("graph.facebook.test", LoopbackHttpsServer.Respond(200));
        world.AddService("facebook", "Facebook", "facebook.test", "meta", web.UriFor("www.facebook.test"), graph.UriFor("graph.facebook.test"));
        world.SetBehaviour("facebook.test", DnsBehaviour.ServFail);
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 220);
        foreach (var nameServer in await dns.AddZoneAsync("facebook.test"))
        {
            nameServer.SetBehaviour("facebook.test", DnsBehaviour.Silent);
        }

        var report = await LoopbackBot.CheckAsync(world, "facebook");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, report.Cause.Code);
        Assert.Equal("DNS failure: facebook.test's name servers are unreachable, so no one can find Facebook's servers", report.Cause.Summary.English);
        Assert.Contains("on Facebook's side", report.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Contains(report.Probes, probe => probe.Target.StartsWith("a.nic.test", StringComparison.Ordinal) && probe.Detail.Contains("refers to facebook.test", StringComparison.Ordinal));
        Assert.Equal(4, report.Probes.Count(probe => probe.Kind == ProbeKind.Authoritative && probe.Endpoint == "facebook.test" && probe.Outcome == ProbeOutcome.Timeout));
        Assert.DoesNotContain(world.Resolvers.SelectMany(resolver => resolver.QueriedNames), name => name.EndsWith(" NS", StringComparison.Ordinal));
        Assert.Equal(0, web.RequestCount + graph.RequestCount);
    }

    /// <summary>The same outage without root servers configured: the catalog's name servers are asked instead.</summary>
    [Fact]
    public async Task Check_WhenNoRootServerIsConfigured_AsksTheCatalogsNameServersLikeOctober2021()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("www.facebook.test", LoopbackHttpsServer.Respond(200));
        world.AddService("facebook", "Facebook", "facebook.test", "meta", web.UriFor("www.facebook.test"));
        world.SetBehaviour("facebook.test", DnsBehaviour.ServFail);

        var nameServerA = LoopbackPorts.Address(51);
        var nameServerB = LoopbackPorts.Address(52);
        var port = LoopbackPorts.FindFreePort(nameServerA, nameServerB);
        foreach (var address in new[] { nameServerA, nameServerB })
        {
            var silent = world.Own(await LoopbackDnsServer.StartAsync(address, port));
            silent.DefaultBehaviour = DnsBehaviour.Silent;
        }

        world.AddNameServers("facebook", port, ("a.ns.facebook.test", nameServerA), ("b.ns.facebook.test", nameServerB));

        var report = await LoopbackBot.CheckAsync(world, "facebook");

        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, report.Cause.Code);
        Assert.Equal("DNS failure: facebook.test's name servers are unreachable, so no one can find Facebook's servers", report.Cause.Summary.English);
        Assert.Equal(4, report.Probes.Count(probe => probe.Kind == ProbeKind.Authoritative && probe.Outcome == ProbeOutcome.Timeout));
    }

    [Fact]
    public async Task Check_WhenEvenTheControlHostsFail_BlamesTheBotsOwnNetwork()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("facebook", "Facebook", LoopbackHttpsServer.Respond(200), "meta");
        foreach (var resolver in world.Resolvers)
        {
            resolver.SetBehaviour("test", DnsBehaviour.Silent);
        }

        var report = await LoopbackBot.CheckAsync(world, "facebook");

        Assert.Equal(Verdict.Unknown, report.Verdict);
        Assert.Equal(CauseCodes.LocalNetwork, report.Cause.Code);
        Assert.Contains(report.Probes, probe => probe.Endpoint.Contains(LoopbackWorld.ControlHost, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WhenOneEndpointFailsAndTheOtherWorks_SaysPartlyDown()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("www.instagram.test", LoopbackHttpsServer.Respond(200));
        var api = await world.StartHttpsAsync("i.instagram.test", LoopbackHttpsServer.Respond(502));
        world.AddService("instagram", "Instagram", "instagram.test", "meta", web.UriFor("www.instagram.test"), api.UriFor("i.instagram.test"));

        var report = await LoopbackBot.CheckAsync(world, "instagram");

        Assert.Equal(Verdict.Degraded, report.Verdict);
        Assert.Equal(CauseCodes.Partial, report.Cause.Code);
        Assert.Contains("i.instagram.test", report.Cause.Summary.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenOneResolverFailsAndTheOtherAnswers_ReportsTheResolver()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("web.whatsapp.test", LoopbackHttpsServer.Respond(200));
        world.AddService("whatsapp", "WhatsApp", "whatsapp.test", "meta", web.UriFor("web.whatsapp.test"));
        world.ResolverB.SetBehaviour("whatsapp.test", DnsBehaviour.ServFail);

        var report = await LoopbackBot.CheckAsync(world, "whatsapp");

        Assert.Equal(Verdict.Degraded, report.Verdict);
        Assert.Equal(CauseCodes.DnsResolver, report.Cause.Code);
        Assert.Contains(world.ResolverB.ResolverSpec, report.Cause.Explanation.English, StringComparison.Ordinal);
    }
}
