using IsItDownBot.Core.Safety;
using System.Net;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>
/// Hostile targets through the whole checker, with every answer leading to loopback (the only place a test may
/// send anything): each is refused, and the loopback server those names point at never sees a connection.
/// </summary>
public sealed class HostileTargetLiveTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://127.1/")]
    [InlineData("https://evil.example@127.0.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("rebind.example")]
    [InlineData("v6only.example")]
    [InlineData("bücher.example.")]
    [InlineData("ｒｅｂｉｎｄ．ｅｘａｍｐｌｅ")]
    public async Task Check_OfATargetLeadingToLoopback_IsRefusedAndConnectsNowhere(string typed)
    {
        await using var world = await LoopbackWorld.StartAsync();
        var inside = await world.StartHttpsAsync("inside.test", LoopbackHttpsServer.Respond(200));
        world.Resolve("rebind.example", LoopbackWorld.Address);
        world.Resolve("xn--bcher-kva.example", LoopbackWorld.Address);
        world.Resolve("v6only.example", IPAddress.IPv6Loopback);

        var report = await LoopbackBot.CheckAsync(world, typed);

        Assert.Equal(Verdict.Unknown, report.Verdict);
        Assert.Equal(CauseCodes.TargetRefused, report.Cause.Code);
        // The control hosts are probed too (they show the bot's own network works); the target never is.
        var target = report.Service.Endpoints[0].ToString();
        Assert.DoesNotContain(report.Probes, probe => probe.Endpoint == target && probe.Kind is ProbeKind.Tcp or ProbeKind.Tls or ProbeKind.Http
            && probe.Outcome is not (ProbeOutcome.Blocked or ProbeOutcome.Skipped));
        Assert.Contains(report.Probes, probe => probe.Endpoint == target && probe.Outcome == ProbeOutcome.Blocked);
        Assert.Equal(0, inside.RequestCount);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("localhost.")]
    [InlineData("app.localhost")]
    [InlineData("https://localhost/")]
    public async Task Check_OfLocalhost_IsRefusedLikeTheLoopbackAddressWithoutAnyLookup(string typed)
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Resolve("localhost", LoopbackWorld.Address);
        world.Resolve("app.localhost", LoopbackWorld.Address);

        var report = await LoopbackBot.CheckAsync(world, typed);

        Assert.Equal(Verdict.Unknown, report.Verdict);
        Assert.Equal(CauseCodes.TargetRefused, report.Cause.Code);
        Assert.Equal("I only check public services", report.Cause.Summary.English);
        Assert.All(world.Resolvers, resolver => Assert.DoesNotContain(resolver.QueriedNames, name => name.Contains("localhost", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("public.example:8443", 8443)]
    [InlineData("https://public.example:22/", 22)]
    [InlineData("http://public.example:6379/", 6379)]
    public async Task Check_OfANonWebPort_IsRefusedSayingWhyWithoutAnyLookup(string typed, int port)
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Resolve("public.example", LoopbackWorld.Address);

        var report = await LoopbackBot.CheckAsync(world, typed);

        Assert.Equal(CauseCodes.TargetRefused, report.Cause.Code);
        Assert.Equal("I only check web ports", report.Cause.Summary.English);
        Assert.Contains($"Port {port} of public.example is not a web port", report.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Contains("scan", report.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.All(world.Resolvers, resolver => Assert.DoesNotContain(resolver.QueriedNames, name => name.StartsWith("public.example", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("db.corp.internal")]
    [InlineData("printer.local")]
    [InlineData("nas.home.arpa")]
    [InlineData("https://kubernetes.default.svc.cluster.local/")]
    public async Task Check_OfAPrivateName_IsRefusedWithoutAskingAnyResolver(string typed)
    {
        await using var world = await LoopbackWorld.StartAsync();
        var host = typed.Replace("https://", "", StringComparison.Ordinal).TrimEnd('/');
        world.Resolve(host, IPAddress.Parse("10.96.0.12"));

        var report = await LoopbackBot.CheckAsync(world, typed);

        Assert.Equal(CauseCodes.TargetRefused, report.Cause.Code);
        Assert.All(world.Resolvers, resolver => Assert.DoesNotContain(resolver.QueriedNames, name => name.StartsWith(host, StringComparison.Ordinal)));
        Assert.DoesNotContain(report.Probes, probe => probe.Detail.Contains("10.96.0.12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_OfAPublicNameLeadingInside_NeverShowsTheAddressItLeadsTo()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Resolve("rebind.example", LoopbackWorld.Address);

        var report = await LoopbackBot.CheckAsync(world, "rebind.example");

        Assert.Equal(CauseCodes.TargetRefused, report.Cause.Code);
        var shown = string.Join("\n", report.Probes.Select(probe => $"{probe.Target} {probe.Detail}"));
        Assert.DoesNotContain(LoopbackWorld.Address.ToString(), shown, StringComparison.Ordinal);
        Assert.Contains("a private address", shown, StringComparison.Ordinal);
        Assert.All(report.Probes, probe => Assert.All(probe.Addresses, address => Assert.True(AddressPolicy.IsPublic(address))));
    }
}
