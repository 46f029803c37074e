using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Tests.Alerts;
using IsItDownBot.Core.Tests.Storage;
using IsItDownBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Monitoring;

/// <summary>
/// The monitor and the dispatcher as <c>run</c> wires them, against loopback servers that go down and come
/// back; rounds are driven one by one on a fake clock.
/// </summary>
public sealed class MonitorEndToEndTests
{
    private static readonly ChannelRef Channel = new("telegram", "-100777");

    [Fact]
    public async Task Monitor_WhenAServiceGoesDownAndComesBack_SendsExactlyOneDownAndOneUpAlert()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var healthy = true;
        await world.StartServiceAsync("flaky", "Flaky", context =>
        {
            context.Response.StatusCode = healthy ? 200 : 503;
            return Task.CompletedTask;
        });
        var time = new FakeTimeProvider(Now());
        using var database = await TempSqliteStore.CreateAsync(time);
        var sink = new RecordingAlertSink();
        await using var bot = Build(world, time, database.Store, sink);
        var monitor = bot.GetRequiredService<OutageMonitor>();
        var dispatcher = bot.GetRequiredService<AlertDispatcher>();
        var subscribed = await bot.GetRequiredService<SubscriptionService>().SubscribeAsync(Channel, "flaky", "admin", permitted: true);
        Assert.Equal(SubscriptionOutcome.Subscribed, subscribed.Outcome);

        async Task RoundAsync(bool up)
        {
            healthy = up;
            time.Advance(TimeSpan.FromMinutes(1));
            await monitor.RunRoundAsync();
            await dispatcher.DrainOnceAsync();
        }

        await RoundAsync(up: true);
        var firstFailure = time.GetUtcNow().AddMinutes(1);
        await RoundAsync(up: false);
        await RoundAsync(up: false);
        var open = await database.Store.OpenIncidentAsync("flaky");
        await RoundAsync(up: false);
        await RoundAsync(up: false);
        await RoundAsync(up: true);
        await RoundAsync(up: true);
        await RoundAsync(up: true);

        Assert.Equal(2, sink.Delivered.Count);
        var down = sink.Delivered[0].Message;
        Assert.Equal(TransitionKind.Down, down.Kind);
        Assert.Equal(CauseCodes.HttpServerError, down.Items[0].CauseCode);
        Assert.Equal("Flaky's servers answer 503", down.Items[0].Summary);
        Assert.Equal(firstFailure, down.Items[0].DownSince);

        var up = sink.Delivered[1].Message;
        Assert.Equal(TransitionKind.Up, up.Kind);
        Assert.Equal(TimeSpan.FromMinutes(4), up.Items[0].Duration);

        // "Since when?" while it was down; the history afterwards.
        Assert.Equal(firstFailure, open?.OpenedAt);
        Assert.Null(await database.Store.OpenIncidentAsync("flaky"));
        var incident = Assert.Single(await database.Store.IncidentsAsync("flaky", 10));
        Assert.Equal(CauseCodes.HttpServerError, incident.OpenCauseCode);
        Assert.Equal(CauseCodes.Ok, incident.CloseCauseCode);
    }

    [Fact]
    public async Task RunRound_LogsOneNumberedLinePerRound_WhileAStandbyObservationLogsNone()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        await world.StartServiceAsync("fine", "Fine", LoopbackHttpsServer.Respond(200));
        world.Settings["IsItDown:Monitor:AlwaysWatch:0"] = "*";
        var time = new FakeTimeProvider(Now());
        using var database = await TempSqliteStore.CreateAsync(time);
        await using var bot = Build(world, time, database.Store, new RecordingAlertSink());
        var logger = new RecordingLogger<OutageMonitor>();
        var monitor = ActivatorUtilities.CreateInstance<OutageMonitor>(bot, logger);

        await monitor.ObserveRoundAsync();
        var afterObserving = logger.Lines;
        time.Advance(TimeSpan.FromMinutes(1));
        await monitor.RunRoundAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await monitor.RunRoundAsync();

        Assert.Empty(afterObserving);
        Assert.Equal(
            ["Round 1: 2 services, 1 up, 1 down; broken down (http-server-error)", "Round 2: 2 services, 1 up, 1 down; broken down (http-server-error)"],
            logger.Lines.Where(line => line.StartsWith("Round ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Monitor_AServiceWatchedUnderTwoNames_IsCheckedAndDeclaredOnce()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var server = await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        world.Settings["IsItDown:Services:broken:Aliases:0"] = "brk";
        world.Settings["IsItDown:Monitor:AlwaysWatch:0"] = "brk";
        var time = new FakeTimeProvider(Now());
        using var database = await TempSqliteStore.CreateAsync(time);
        var sink = new RecordingAlertSink();
        await using var bot = Build(world, time, database.Store, sink);
        await bot.GetRequiredService<SubscriptionService>().SubscribeAsync(Channel, "broken", "admin", permitted: true);

        var declared = new List<Transition>();
        for (var round = 0; round < 3; round++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            declared.AddRange(await bot.GetRequiredService<OutageMonitor>().RunRoundAsync());
        }

        await bot.GetRequiredService<AlertDispatcher>().DrainOnceAsync();
        Assert.Single(declared);
        Assert.Equal(3, server.RequestCount);
        Assert.Single(Assert.Single(sink.Delivered).Message.Items);
        Assert.Single(await database.Store.IncidentsAsync("broken", 10));
    }

    [Fact]
    public async Task Monitor_WhenNobodyWatchesADownServiceAnyMore_ClosesItsIncidentQuietly()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("gone", "Gone", LoopbackHttpsServer.Respond(500));
        var time = new FakeTimeProvider(Now());
        using var database = await TempSqliteStore.CreateAsync(time);
        var sink = new RecordingAlertSink();
        await using var bot = Build(world, time, database.Store, sink);
        var subscriptions = bot.GetRequiredService<SubscriptionService>();
        var monitor = bot.GetRequiredService<OutageMonitor>();
        await subscriptions.SubscribeAsync(Channel, "gone", "admin", permitted: true);
        for (var round = 0; round < 2; round++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await monitor.RunRoundAsync();
        }

        Assert.NotNull(await database.Store.OpenIncidentAsync("gone"));
        await subscriptions.UnsubscribeAsync(Channel, "gone", permitted: true);
        time.Advance(TimeSpan.FromMinutes(1));
        await monitor.RunRoundAsync();
        await bot.GetRequiredService<AlertDispatcher>().DrainOnceAsync();

        Assert.Null(await database.Store.OpenIncidentAsync("gone"));
        Assert.Equal("unwatched", Assert.Single(await database.Store.IncidentsAsync("gone", 10)).CloseCauseCode);
        Assert.Equal(TransitionKind.Down, Assert.Single(sink.Delivered).Message.Kind);
        Assert.Equal(ServiceHealth.Up, (await database.Store.LoadServiceStatesAsync())["gone"].Health);
    }

    [Fact]
    public async Task Monitor_WhileTheBotsNetworkIsDown_DeclaresNothing()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("steady", "Steady", LoopbackHttpsServer.Respond(200));
        var time = new FakeTimeProvider(Now());
        using var database = await TempSqliteStore.CreateAsync(time);
        var sink = new RecordingAlertSink();
        await using var bot = Build(world, time, database.Store, sink);
        await bot.GetRequiredService<SubscriptionService>().SubscribeAsync(Channel, "steady", "admin", permitted: true);

        // Every name stops resolving: the service and the control hosts alike.
        foreach (var resolver in world.Resolvers)
        {
            resolver.SetBehaviour("test", DnsBehaviour.ServFail);
        }

        for (var round = 0; round < 4; round++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.Empty(await bot.GetRequiredService<OutageMonitor>().RunRoundAsync());
        }

        await bot.GetRequiredService<AlertDispatcher>().DrainOnceAsync();
        Assert.Empty(sink.Delivered);
    }

    [Fact]
    public async Task Monitor_WhenAGroupGoesDownTogether_SendsOneGroupedMessage()
    {
        await using var world = await LoopbackWorld.StartAsync();
        foreach (var id in new[] { "facebook", "instagram", "whatsapp" })
        {
            await world.StartServiceAsync(id, char.ToUpperInvariant(id[0]) + id[1..], LoopbackHttpsServer.Respond(502), group: "meta");
        }

        world.Settings["IsItDown:Groups:meta"] = "Meta";
        var time = new FakeTimeProvider(Now());
        using var database = await TempSqliteStore.CreateAsync(time);
        var sink = new RecordingAlertSink();
        await using var bot = Build(world, time, database.Store, sink);
        var subscriptions = bot.GetRequiredService<SubscriptionService>();
        await subscriptions.SubscribeAsync(Channel, "all", "admin", permitted: true);

        for (var round = 0; round < 2; round++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await bot.GetRequiredService<OutageMonitor>().RunRoundAsync();
        }

        await bot.GetRequiredService<AlertDispatcher>().DrainOnceAsync();

        var alert = Assert.Single(sink.Delivered);
        Assert.Equal("Meta", alert.Message.GroupName);
        Assert.Equal(3, alert.Message.Items.Count);
    }

    /// <summary>Real time, so the test certificates are valid; whole seconds, as the store keeps milliseconds.</summary>
    [Fact]
    public async Task Monitor_ARoundWhoseLeasePassedOnMeanwhile_WritesNothing_AndTheSuccessorDeclaresTheOutageOnce()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(503));
        world.Settings["IsItDown:Monitor:FailureThreshold"] = "1";
        var time = new FakeTimeProvider(Now());
        using var database = await TempSqliteStore.CreateAsync(time);
        var sink = new RecordingAlertSink();
        await using var bot = Build(world, time, database.Store, sink);
        await bot.GetRequiredService<SubscriptionService>().SubscribeAsync(Channel, "broken", "admin", permitted: true);
        var lease = Microsoft.Extensions.Options.Options.Create(new MonitorOptions { Interval = TimeSpan.FromSeconds(10), LeaderLease = TimeSpan.FromSeconds(30) });
        var first = new MonitorLeadership(database.Store, new InstanceName(), lease, time, NullLogger<MonitorLeadership>.Instance);
        var second = new MonitorLeadership(database.Store, new InstanceName(), lease, time, NullLogger<MonitorLeadership>.Instance);
        var monitor = bot.GetRequiredService<OutageMonitor>();

        // The first instance leads, then stalls past its lease (a long pause): the second takes over.
        Assert.True(await first.TryLeadAsync(default));
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await second.TryLeadAsync(default));

        await Assert.ThrowsAsync<LeaseLostException>(() => monitor.RunRoundAsync(first.FenceAt));
        Assert.Null(await database.Store.OpenIncidentAsync("broken"));

        var declared = await monitor.RunRoundAsync(second.FenceAt);
        await bot.GetRequiredService<AlertDispatcher>().DrainOnceAsync();

        Assert.Equal(TransitionKind.Down, Assert.Single(declared).Kind);
        Assert.Single(await database.Store.IncidentsAsync("broken", 10));
        Assert.Single(sink.Delivered);
    }

    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static ServiceProvider Build(LoopbackWorld world, FakeTimeProvider time, IBotStore store, IAlertSink sink)
    {
        // Every round probes afresh, and the log sink stays out of the count.
        world.Settings["IsItDown:Cache:Ttl"] = "00:00:00";
        world.Settings["IsItDown:Alerts:LogAlerts"] = "false";
        world.Settings["IsItDown:Alerts:RetryAttempts"] = "0";
        world.Settings["IsItDown:Alerts:RateLimits:telegram:PerChannel:0:Count"] = "1000";
        world.Settings["IsItDown:Alerts:RateLimits:telegram:PerChannel:0:Per"] = "00:00:01";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(world.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(store);
        services.AddSingleton(sink);
        services.AddIsItDownCore(configuration).AddIsItDownMonitoring(configuration);
        services.RemoveAll<IAlertSink>();
        services.AddSingleton(sink);
        return services.BuildServiceProvider();
    }
}
