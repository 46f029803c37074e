using System.Net;
using DnsClient;
using DnsClient.Protocol;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Fakes;

public sealed class LoopbackDnsServerTests
{
    // Generous, so that a busy machine cannot turn an answer into a timeout...
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(5);

    // ...and short where the server never answers, since it always runs out there.
    private static readonly TimeSpan SilentTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Query_ForConfiguredName_AnswersAddressesOfTheAskedFamily()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.AddAddresses("www.example.com", IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10"));
        var client = Client(server);

        var a = await client.QueryAsync("WWW.Example.com.", QueryType.A);
        var aaaa = await client.QueryAsync("www.example.com", QueryType.AAAA);

        Assert.Equal(DnsHeaderResponseCode.NoError, a.Header.ResponseCode);
        Assert.Equal([IPAddress.Parse("192.0.2.10")], a.Answers.ARecords().Select(r => r.Address));
        Assert.False(a.Header.HasAuthorityAnswer);
        Assert.Equal([IPAddress.Parse("2001:db8::10")], aaaa.Answers.AaaaRecords().Select(r => r.Address));
        Assert.Equal(["www.example.com A", "www.example.com AAAA"], server.QueriedNames);
    }

    [Fact]
    public async Task Query_ForFamilyWithoutAddresses_AnswersNoErrorWithoutRecords()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.AddAddresses("v4only.example.com", IPAddress.Parse("192.0.2.11"));

        var response = await Client(server).QueryAsync("v4only.example.com", QueryType.AAAA);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public async Task Query_ForUnknownName_AnswersNxDomainByDefault()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));

        var response = await Client(server).QueryAsync("nobody.example", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
    }

    [Theory]
    [InlineData(DnsBehaviour.ServFail, DnsHeaderResponseCode.ServerFailure)]
    [InlineData(DnsBehaviour.Refused, DnsHeaderResponseCode.Refused)]
    [InlineData(DnsBehaviour.NxDomain, DnsHeaderResponseCode.NotExistentDomain)]
    public async Task Query_UnderZoneWithBehaviour_OverridesConfiguredAddresses(DnsBehaviour behaviour, DnsHeaderResponseCode expected)
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.AddAddresses("www.facebook.com", IPAddress.Parse("192.0.2.12"));
        server.SetBehaviour("facebook.com.", behaviour);

        var response = await Client(server).QueryAsync("www.facebook.com", QueryType.A);

        Assert.Equal(expected, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public async Task Query_UnderChildZoneSetToAnswer_WinsOverFailingParent()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.AddAddresses("ok.broken.example", IPAddress.Parse("192.0.2.13"));
        server.SetBehaviour("broken.example", DnsBehaviour.ServFail);
        server.SetBehaviour("ok.broken.example", DnsBehaviour.Answer);
        var client = Client(server);

        Assert.Equal(DnsHeaderResponseCode.ServerFailure, (await client.QueryAsync("other.broken.example", QueryType.A)).Header.ResponseCode);
        Assert.Single((await client.QueryAsync("ok.broken.example", QueryType.A)).Answers.ARecords());
    }

    [Fact]
    public async Task Query_ToSilentServer_TimesOutAndIsCounted()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.DefaultBehaviour = DnsBehaviour.Silent;

        var error = await Assert.ThrowsAsync<DnsResponseException>(() => Client(server, SilentTimeout).QueryAsync("facebook.com", QueryType.A));

        Assert.Equal(DnsResponseCode.ConnectionTimeout, error.Code);

        // The query may reach the handler after the client gave up when the thread pool is busy.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (server.QueryCount == 0)
            await Task.Delay(10, wait.Token);
        Assert.Equal(1, server.QueryCount);
    }

    [Fact]
    public async Task SoaQuery_ToAuthoritativeServer_AnswersWithAaFlag()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.Authoritative = true;
        server.AddNameServers("example.org", ("a.ns.example.org", LoopbackPorts.Address(21)), ("b.ns.example.org", LoopbackPorts.Address(22)));
        var options = new DnsQueryOptions { Recursion = false, UseCache = false, Retries = 0, Timeout = ClientTimeout };

        var response = await new LookupClient().QueryServerAsync(
            [new NameServer(server.EndPoint)], new DnsQuestion("example.org", QueryType.SOA), options);

        Assert.True(response.Header.HasAuthorityAnswer);
        var soa = Assert.Single(response.Answers.SoaRecords());
        Assert.Equal("a.ns.example.org.", soa.MName.Value);
    }

    [Fact]
    public async Task NsQuery_ForZoneWithNameServers_AnswersThemWithGlue()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.AddNameServers("example.org", ("a.ns.example.org", LoopbackPorts.Address(21)), ("b.ns.example.org", LoopbackPorts.Address(22)));

        var response = await Client(server).QueryAsync("example.org", QueryType.NS);

        Assert.Equal(["a.ns.example.org.", "b.ns.example.org."], response.Answers.NsRecords().Select(r => r.NSDName.Value));
        Assert.Equal([LoopbackPorts.Address(21), LoopbackPorts.Address(22)], response.Additionals.ARecords().Select(r => r.Address));
    }

    [Fact]
    public async Task Query_OverTcp_IsAnsweredToo()
    {
        await using var server = await LoopbackDnsServer.StartAsync(LoopbackPorts.Address(11));
        server.AddAddresses("tcp.example.com", IPAddress.Parse("192.0.2.14"));
        var client = new LookupClient(new LookupClientOptions(new NameServer(server.EndPoint))
        {
            UseCache = false, Retries = 0, Timeout = ClientTimeout, ThrowDnsErrors = false, UseTcpOnly = true,
        });

        var response = await client.QueryAsync("tcp.example.com", QueryType.A);

        Assert.Single(response.Answers.ARecords());
    }

    [Fact]
    public async Task StartAsync_OnSeveralAddresses_SharesOnePort()
    {
        var addresses = new[] { LoopbackPorts.Address(31), LoopbackPorts.Address(32), LoopbackPorts.Address(33) };
        var port = LoopbackPorts.FindFreePort(addresses);
        var servers = new List<LoopbackDnsServer>();
        try
        {
            foreach (var address in addresses)
                servers.Add(await LoopbackDnsServer.StartAsync(address, port));
            servers[1].SetBehaviour("example.net", DnsBehaviour.ServFail);

            var codes = new List<DnsHeaderResponseCode>();
            foreach (var server in servers)
                codes.Add((await Client(server).QueryAsync("example.net", QueryType.A)).Header.ResponseCode);

            Assert.All(servers, s => Assert.Equal(port, s.EndPoint.Port));
            Assert.Equal("127.0.0.32:" + port, servers[1].ResolverSpec);
            Assert.Equal([DnsHeaderResponseCode.NotExistentDomain, DnsHeaderResponseCode.ServerFailure, DnsHeaderResponseCode.NotExistentDomain], codes);
        }
        finally
        {
            foreach (var server in servers)
                await server.DisposeAsync();
        }
    }

    private static LookupClient Client(LoopbackDnsServer server, TimeSpan? timeout = null) =>
        new(new LookupClientOptions(new NameServer(server.EndPoint))
        {
            UseCache = false, Retries = 0, Timeout = timeout ?? ClientTimeout, ThrowDnsErrors = false,
        });
}
