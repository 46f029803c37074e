using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Monitoring;

/// <summary>Two instances' leaderships over one store file: one leads, the other takes over only when the lease ends.</summary>
public sealed class MonitorLeadershipTests
{
    private static readonly IOptions<MonitorOptions> Options = Microsoft.Extensions.Options.Options.Create(
        new MonitorOptions { Interval = TimeSpan.FromSeconds(10), LeaderLease = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task TryLead_OneInstanceLeads_AndTheOtherTakesOverOnlyAfterTheLeaseRunsOut()
    {
        var time = new FakeTimeProvider(Rounds.Start);
        using var file = await TempSqliteStore.CreateAsync(time);
        var first = new MonitorLeadership(file.Store, new InstanceName(), Options, time, NullLogger<MonitorLeadership>.Instance);
        var second = new MonitorLeadership(file.Store, new InstanceName(), Options, time, NullLogger<MonitorLeadership>.Instance);

        Assert.True(await first.TryLeadAsync(default));
        Assert.False(await second.TryLeadAsync(default));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(await first.TryLeadAsync(default));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await second.TryLeadAsync(default));

        // The first stops renewing (it died): one lease later the second leads, and the first, back, follows.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await second.TryLeadAsync(default));
        Assert.False(await first.TryLeadAsync(default));
        Assert.False(first.IsLeader);
    }

    [Fact]
    public async Task StepDown_HandsTheMonitorOverAtOnce()
    {
        var time = new FakeTimeProvider(Rounds.Start);
        using var file = await TempSqliteStore.CreateAsync(time);
        var first = new MonitorLeadership(file.Store, new InstanceName(), Options, time, NullLogger<MonitorLeadership>.Instance);
        var second = new MonitorLeadership(file.Store, new InstanceName(), Options, time, NullLogger<MonitorLeadership>.Instance);
        await first.TryLeadAsync(default);

        await first.StepDownAsync(default);

        Assert.True(await second.TryLeadAsync(default));
    }

    [Fact]
    public async Task KeepLeading_AfterTheLeaseRanOutWhileAnotherHeldIt_StopsTheRoundThoughTheStoreWouldHandItBack()
    {
        var time = new FakeTimeProvider(Rounds.Start);
        using var file = await TempSqliteStore.CreateAsync(time);
        var first = new MonitorLeadership(file.Store, new InstanceName(), Options, time, NullLogger<MonitorLeadership>.Instance);
        var second = new MonitorLeadership(file.Store, new InstanceName(), Options, time, NullLogger<MonitorLeadership>.Instance);
        Assert.True(await first.TryLeadAsync(default));
        Assert.True(await first.KeepLeadingAsync(default));

        // The first stalls mid-round past its lease; the second takes over, then dies, and its lease runs out too.
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await second.TryLeadAsync(default));
        time.Advance(TimeSpan.FromSeconds(31));

        Assert.False(await first.KeepLeadingAsync(default));
        Assert.False(first.IsLeader);

        // Its next round contests the lease afresh, and wins it.
        Assert.True(await first.TryLeadAsync(default));
    }

    [Fact]
    public void EffectiveLeaderLease_ByDefault_IsThreeIntervalsAndAtLeastThirtySeconds()
    {
        Assert.Equal(TimeSpan.FromMinutes(3), new MonitorOptions { Interval = TimeSpan.FromMinutes(1) }.EffectiveLeaderLease);
        Assert.Equal(TimeSpan.FromSeconds(30), new MonitorOptions { Interval = TimeSpan.FromSeconds(1) }.EffectiveLeaderLease);
    }
}
