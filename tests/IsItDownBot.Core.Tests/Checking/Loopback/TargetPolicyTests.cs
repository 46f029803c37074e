using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>A domain a user types may not make the bot connect to internal addresses; the operator's catalog may.</summary>
public sealed class TargetPolicyTests
{
    [Fact]
    public async Task Check_WhenAUserDomainResolvesToLoopback_RefusesAndConnectsNowhere()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Resolve("sneaky.example", LoopbackWorld.Address);

        var report = await LoopbackBot.CheckAsync(world, "sneaky.example");

        Assert.Equal(Verdict.Unknown, report.Verdict);
        Assert.Equal(CauseCodes.TargetRefused, report.Cause.Code);
        // Refused, and without telling the asker where the name leads inside.
        Assert.Contains(report.Probes, probe => probe.Outcome == ProbeOutcome.Blocked && probe.Detail.Contains("private or reserved address", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Probes, probe => probe.Detail.Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Probes, probe => probe.Endpoint.Contains("sneaky", StringComparison.Ordinal)
            && probe.Kind is ProbeKind.Tcp or ProbeKind.Tls or ProbeKind.Http && probe.Outcome != ProbeOutcome.Blocked);
    }

    [Fact]
    public async Task Check_WhenAUserTypesALoopbackAddress_RefusesWithoutDns()
    {
        await using var world = await LoopbackWorld.StartAsync();

        var report = await LoopbackBot.CheckAsync(world, "127.0.0.1");

        Assert.Equal(CauseCodes.TargetRefused, report.Cause.Code);
        Assert.DoesNotContain(report.Probes, probe => probe.Kind == ProbeKind.Dns && probe.Endpoint.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WhenTheOperatorsCatalogPointsAtLoopback_ProbesIt()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("intranet.test", LoopbackHttpsServer.Respond(200));
        world.AddService("intranet", "Intranet", "intranet.test", null, web.UriFor("intranet.test"));

        var report = await LoopbackBot.CheckAsync(world, "intranet");

        Assert.Equal(Verdict.Up, report.Verdict);
        Assert.Equal(1, web.RequestCount);
    }
}
