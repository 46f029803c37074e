using System.Globalization;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Tests.Checking.Loopback;
using IsItDownBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Core.Tests.Probing.Delegation;

/// <summary>The delegation walk and the name-server checks, against a DNS tree on loopback.</summary>
public sealed class DelegationProberTests
{
    // Generous for answers on a busy machine; the tests of silence set a short Dns:Timeout instead.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Probe_WalksFromTheRootThroughTheTld_ToTheZonesDelegation()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 100);
        var servers = await dns.AddZoneAsync("example.test");

        var evidence = await ProbeAsync(world, Service("example.test"));

        Assert.Equal(DelegationStatus.Healthy, evidence.Status);
        Assert.Equal(NameServerSource.Parent, evidence.Source);
        Assert.Equal("example.test", evidence.Zone);
        Assert.Equal(["ns1.example.test", "ns2.example.test"], evidence.NameServers);
        Assert.Equal(servers.Select(server => server.EndPoint.Address), evidence.Addresses.Select(address => address.Address));
        Assert.Contains("example.test NS", dns.Root.QueriedNames);
        Assert.Contains("example.test NS", dns.TopLevel.QueriedNames);
        Assert.Contains(evidence.ParentLookups, probe => probe.Detail.Contains("refers to example.test", StringComparison.Ordinal));
        Assert.Equal(0, world.ResolverA.QueryCount + world.ResolverB.QueryCount);
    }

    [Fact]
    public async Task Probe_WhenTheReferralHasNoGlue_LooksUpTheServersAddressFromTheRoot()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 130);
        var hosting = (await dns.AddZoneAsync("hosting.test", count: 1))[0];
        hosting.AddNameServers("glueless.test", ("ns1.hosting.test", hosting.EndPoint.Address));
        dns.TopLevel.AddDelegation("glueless.test", ("ns1.hosting.test", null));

        var evidence = await ProbeAsync(world, Service("glueless.test"));

        Assert.Equal(DelegationStatus.Healthy, evidence.Status);
        Assert.Equal(["ns1.hosting.test"], evidence.NameServers);
        var address = Assert.Single(evidence.Addresses);
        Assert.Equal(hosting.EndPoint.Address, address.Address);
        Assert.Contains("ns1.hosting.test A", hosting.QueriedNames);
        Assert.Contains("glueless.test SOA", hosting.QueriedNames);
        Assert.Equal(0, world.ResolverA.QueryCount + world.ResolverB.QueryCount);
    }

    [Fact]
    public async Task Probe_ForAHostInsideAZone_FindsTheZoneAndItsDelegation()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 160);
        var servers = await dns.AddZoneAsync("example.test");

        var evidence = await ProbeAsync(world, ServiceDefinition.ForDomain("www.example.test") with { IsUserSupplied = false });

        Assert.Equal("example.test", evidence.Zone);
        Assert.Equal(DelegationStatus.Healthy, evidence.Status);
        Assert.Equal(["ns1.example.test", "ns2.example.test"], evidence.NameServers);
        Assert.Contains(servers, server => server.QueriedNames.Contains("www.example.test NS"));
    }

    [Fact]
    public async Task Probe_WhenTheTldSaysTheDomainDoesNotExist_SaysNotDelegated()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 190);

        var evidence = await ProbeAsync(world, Service("nowhere.test"));

        Assert.Equal(DelegationStatus.NotDelegated, evidence.Status);
        Assert.Empty(evidence.Checks);
        Assert.Contains(evidence.ParentLookups, probe => probe.Outcome == ProbeOutcome.DnsNxDomain);
    }

    [Fact]
    public async Task Probe_WhenNoNameServerAnswers_SaysUnreachable()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Dns:Timeout"] = "00:00:00.300";
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 100);
        foreach (var server in await dns.AddZoneAsync("silent.test"))
        {
            server.SetBehaviour("silent.test", DnsBehaviour.Silent);
        }

        var evidence = await ProbeAsync(world, Service("silent.test"));

        Assert.Equal(DelegationStatus.Unreachable, evidence.Status);
        Assert.Equal(4, evidence.Checks.Count);
        Assert.All(evidence.Checks, check => Assert.Equal(ProbeOutcome.Timeout, check.Result.Outcome));
    }

    [Fact]
    public async Task Probe_WhenOneServerIsSilentAndTheOtherAnswers_SaysPartlyUnreachable()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Dns:Timeout"] = "00:00:00.300";
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 130);
        var servers = await dns.AddZoneAsync("half.test");
        servers[1].SetBehaviour("half.test", DnsBehaviour.Silent);

        var evidence = await ProbeAsync(world, Service("half.test"));

        Assert.Equal(DelegationStatus.PartlyUnreachable, evidence.Status);
    }

    [Fact]
    public async Task Probe_WhenAServerRefusesTheZone_SaysLame()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 160);
        var servers = await dns.AddZoneAsync("refused.test");
        servers[1].SetBehaviour("refused.test", DnsBehaviour.Refused);

        var evidence = await ProbeAsync(world, Service("refused.test"));

        Assert.Equal(DelegationStatus.Lame, evidence.Status);
        Assert.Contains(evidence.Checks, check => check.Server == "ns2.refused.test" && check.Result.Outcome == ProbeOutcome.DnsRefused);
    }

    [Fact]
    public async Task Probe_WhenAServerAnswersWithoutTheAaFlag_SaysLame()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 190);
        var servers = await dns.AddZoneAsync("lame.test");
        servers[0].Authoritative = false;

        var evidence = await ProbeAsync(world, Service("lame.test"));

        Assert.Equal(DelegationStatus.Lame, evidence.Status);
        Assert.Contains(evidence.Checks, check => check.Server == "ns1.lame.test" && check.Result.Outcome == ProbeOutcome.DnsNotAuthoritative);
    }

    [Fact]
    public async Task Probe_WhenServersAnswerDifferentSerials_SaysSerialMismatch()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 100);
        var servers = await dns.AddZoneAsync("serial.test");
        servers[0].SetSerial("serial.test", 2024100401);
        servers[1].SetSerial("serial.test", 2024100402);

        var evidence = await ProbeAsync(world, Service("serial.test"));

        Assert.Equal(DelegationStatus.SerialMismatch, evidence.Status);
        Assert.Equal([2024100401u, 2024100402u], evidence.Checks.Select(check => check.Serial!.Value).Distinct().Order());
    }

    [Fact]
    public async Task Probe_AsksEveryServerOnceOverUdpAndOnceOverTcp()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 130);
        var servers = await dns.AddZoneAsync("both.test");

        var evidence = await ProbeAsync(world, Service("both.test"));

        Assert.All(servers, server => Assert.Equal((1, 1), (server.UdpQueryCount, server.TcpQueryCount)));
        Assert.Equal(
            ["ns1.both.test UDP", "ns1.both.test TCP", "ns2.both.test UDP", "ns2.both.test TCP"],
            evidence.Checks.Select(check => $"{check.Server} {check.Transport.ToString().ToUpperInvariant()}"));
        Assert.All(evidence.Checks, check => Assert.EndsWith(check.Transport == DnsTransport.Tcp ? " TCP" : " UDP", check.Result.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Probe_WhenTheRootIsSilent_SaysParentUnreachable()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Dns:Timeout"] = "00:00:00.300";
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 160);
        await dns.AddZoneAsync("example.test");
        dns.Root.SetBehaviour("test", DnsBehaviour.Silent);

        var evidence = await ProbeAsync(world, Service("example.test"));

        Assert.Equal(DelegationStatus.ParentUnreachable, evidence.Status);
        Assert.Equal(NameServerSource.None, evidence.Source);
        Assert.Contains(evidence.ParentLookups, probe => probe.Outcome == ProbeOutcome.Timeout && probe.Target.StartsWith("root", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Probe_WhenEveryServerIsSilent_StopsAtTheDeadline()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Dns:Timeout"] = "00:00:30";
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 190);
        dns.Root.SetBehaviour("test", DnsBehaviour.Silent);

        var evidence = await ProbeAsync(world, Service("example.test"), TimeSpan.FromMilliseconds(500));

        // Cut by the round's deadline, long before the 30 s query timeout.
        Assert.Equal(DelegationStatus.ParentUnreachable, evidence.Status);
        var root = Assert.Single(evidence.ParentLookups);
        Assert.Equal("NS: no answer before the round's deadline", root.Detail);
    }

    [Fact]
    public async Task Probe_ForAUsersDomainDelegatedToAPrivateAddress_SendsNothingThere()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 100);
        var hidden = await dns.StartServerAsync();
        hidden.AddNameServers("private.test", ("ns1.private.test", hidden.EndPoint.Address));

        // The configured root is trusted even on loopback; what it refers to, for a user's domain, is not.
        dns.Root.AddDelegation("private.test", ("ns1.private.test", hidden.EndPoint.Address));

        var evidence = await ProbeAsync(world, ServiceDefinition.ForDomain("private.test"));

        Assert.Equal(DelegationStatus.NotChecked, evidence.Status);
        Assert.Equal(2, evidence.Checks.Count);
        Assert.All(evidence.Checks, check => Assert.Equal(ProbeOutcome.Blocked, check.Result.Outcome));
        Assert.Equal(0, hidden.QueryCount);
    }

    [Fact]
    public async Task Probe_ForAnIpAddress_ChecksNothing()
    {
        await using var world = await LoopbackWorld.StartAsync();

        var evidence = await ProbeAsync(world, ServiceDefinition.ForDomain("192.0.2.1"));

        Assert.Same(DelegationEvidence.NotChecked, evidence);
    }

    [Fact]
    public async Task Probe_WithoutRootServers_AsksTheCatalogsNameServers()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var address = LoopbackPorts.Address(71);
        var port = LoopbackPorts.FindFreePort(address);
        var server = world.Own(await LoopbackDnsServer.StartAsync(address, port));
        server.Authoritative = true;
        server.AddNameServers("catalog.test", ("ns1.catalog.test", address));
        world.Settings["IsItDown:Dns:AuthoritativePort"] = port.ToString(CultureInfo.InvariantCulture);

        var evidence = await ProbeAsync(world, Service("catalog.test") with { NameServers = [new AuthoritativeServer("ns1.catalog.test", address)] });

        Assert.Equal(DelegationStatus.Healthy, evidence.Status);
        Assert.Equal(NameServerSource.Catalog, evidence.Source);
        Assert.Empty(evidence.ParentLookups);
    }

    private static ServiceDefinition Service(string zone) =>
        new(zone, zone, [], null, zone, [new Uri($"https://www.{zone}/")], []);

    private static async Task<DelegationEvidence> ProbeAsync(LoopbackWorld world, ServiceDefinition service, TimeSpan? deadline = null)
    {
        await using var provider = LoopbackBot.Build(world);
        using var round = new CancellationTokenSource(deadline ?? Deadline);
        return await provider.GetRequiredService<DelegationProber>().ProbeAsync(service, round.Token);
    }
}
