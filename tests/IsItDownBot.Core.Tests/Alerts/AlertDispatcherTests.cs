using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Tests.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Alerts;

public sealed class AlertDispatcherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 4, 15, 40, 0, TimeSpan.Zero));
    private TempSqliteStore _database = null!;

    private IBotStore Store => _database.Store;

    public async Task InitializeAsync() => _database = await TempSqliteStore.CreateAsync(_time);

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Drain_DeliversEveryQueuedAlertOnceAndMarksIt()
    {
        await QueueAsync(channels: 5);
        var sink = new RecordingAlertSink();

        var handled = await Dispatcher(sink).DrainOnceAsync();
        var again = await Dispatcher(sink).DrainOnceAsync();

        Assert.Equal(5, handled);
        Assert.Equal(0, again);
        Assert.Equal(5, sink.Delivered.Select(alert => alert.IdempotencyKey).Distinct().Count());
        Assert.Equal(0, await Store.PendingAlertCountAsync("telegram"));
    }

    [Fact]
    public async Task Drain_WhenTheDispatcherDiesMidBatch_EveryAlertArrivesExactlyOnceAfterRestart()
    {
        await QueueAsync(channels: 10);
        var sink = new RecordingAlertSink();
        var neverReturns = new TaskCompletionSource<DeliveryResult>();

        // The sixth send never comes back: the process is killed while it is under way.
        sink.Behaviour = (_, call) => call == 6 ? neverReturns.Task : Task.FromResult(DeliveryResult.Delivered);
        var killed = Dispatcher(sink, concurrency: 1).DrainOnceAsync();
        await Eventually(() => sink.Calls == 6);
        Assert.False(killed.IsCompleted);

        // After a restart, the dead dispatcher's claims run out and a new one sends what is left.
        _time.Advance(new AlertOptions().Lease + TimeSpan.FromSeconds(1));
        sink.Behaviour = (_, _) => Task.FromResult(DeliveryResult.Delivered);
        await Dispatcher(sink).DrainOnceAsync();

        var keys = sink.Delivered.Select(alert => alert.IdempotencyKey).ToList();
        Assert.Equal(10, keys.Count);
        Assert.Equal(10, keys.Distinct().Count());
        Assert.Equal(0, await Store.PendingAlertCountAsync("telegram"));
    }

    [Fact]
    public async Task Drain_WhenStopping_FinishesTheSendUnderWayAndReleasesTheRest()
    {
        await QueueAsync(channels: 3);
        var firstSendStarted = new TaskCompletionSource();
        var finishFirstSend = new TaskCompletionSource();
        var sink = new RecordingAlertSink
        {
            Behaviour = async (_, call) =>
            {
                if (call == 1)
                {
                    firstSendStarted.SetResult();
                    await finishFirstSend.Task;
                }

                return DeliveryResult.Delivered;
            },
        };
        using var stopping = new CancellationTokenSource();

        var draining = Dispatcher(sink, concurrency: 1).DrainOnceAsync(stopping.Token);
        await firstSendStarted.Task;
        await stopping.CancelAsync();
        finishFirstSend.SetResult();
        await draining;

        Assert.Single(sink.Delivered);
        Assert.Equal(1, sink.Calls);

        // The two never sent are free at once for the next start, not held until their lease runs out.
        Assert.Equal(2, await Store.PendingAlertCountAsync("telegram"));
        Assert.Equal(2, await Dispatcher(sink).DrainOnceAsync());
        Assert.Equal(3, sink.Delivered.Count);
    }

    [Fact]
    public async Task Drain_TwoDispatchersAtOnce_NeverSendTheSameAlertTwice()
    {
        await QueueAsync(channels: 40);
        var sink = new RecordingAlertSink { Behaviour = async (_, _) => { await Task.Yield(); return DeliveryResult.Delivered; } };

        await Task.WhenAll(Dispatcher(sink, batchSize: 7).DrainOnceAsync(), Dispatcher(sink, batchSize: 7).DrainOnceAsync());
        while (await Dispatcher(sink, batchSize: 7).DrainOnceAsync() > 0)
        {
        }

        Assert.Equal(40, sink.Delivered.Count);
        Assert.Equal(40, sink.Delivered.Select(alert => alert.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task Drain_WhenASinkThrows_RetriesLaterWithoutLosingTheAlert()
    {
        await QueueAsync(channels: 1);
        var sink = new RecordingAlertSink { Behaviour = (_, call) => call == 1 ? throw new IOException("connection reset") : Task.FromResult(DeliveryResult.Delivered) };

        await Dispatcher(sink).DrainOnceAsync();
        Assert.Empty(sink.Delivered);
        Assert.Equal(0, await Dispatcher(sink).DrainOnceAsync());

        _time.Advance(TimeSpan.FromSeconds(16));
        await Dispatcher(sink).DrainOnceAsync();

        Assert.Single(sink.Delivered);
    }

    [Fact]
    public async Task Drain_WhenThePlatformSaysRetryAfterALongTime_WaitsThatLong()
    {
        await QueueAsync(channels: 1);
        var sink = new RecordingAlertSink
        {
            Behaviour = (_, call) => Task.FromResult(call == 1 ? DeliveryResult.Retry("429 Too Many Requests", TimeSpan.FromMinutes(2)) : DeliveryResult.Delivered),
        };

        await Dispatcher(sink).DrainOnceAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var early = await Dispatcher(sink).DrainOnceAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var due = await Dispatcher(sink).DrainOnceAsync();

        Assert.Equal((0, 1), (early, due));
        Assert.Single(sink.Delivered);
        Assert.Equal(2, sink.Calls);
    }

    [Fact]
    public async Task Drain_WhenTheChannelIsGone_RemovesItsSubscriptionsAndRecordsWhy()
    {
        var gone = new ChannelRef("telegram", "-1001");
        var fine = new ChannelRef("telegram", "-1002");
        await Store.AddSubscriptionAsync(new Subscription(gone, "facebook", "admin", _time.GetUtcNow()));
        await Store.AddSubscriptionAsync(new Subscription(gone, "discord", "admin", _time.GetUtcNow()));
        await Store.AddSubscriptionAsync(new Subscription(fine, "facebook", "admin", _time.GetUtcNow()));
        await QueueAsync([gone, fine]);
        var sink = new RecordingAlertSink
        {
            Behaviour = (alert, _) => Task.FromResult(alert.Channel == gone ? DeliveryResult.Gone("403 bot was kicked from the group chat") : DeliveryResult.Delivered),
        };

        await Dispatcher(sink).DrainOnceAsync();

        Assert.Empty(await Store.ListSubscriptionsAsync(gone));
        Assert.Single(await Store.ListSubscriptionsAsync(fine));
        Assert.Equal(fine, Assert.Single(sink.Delivered).Channel);
        Assert.Equal(0, await Store.PendingAlertCountAsync("telegram"));
    }

    [Fact]
    public async Task Drain_WhenAChannelTurnsOutGone_SendsItNothingMoreFromTheSameBatch()
    {
        var gone = new ChannelRef("telegram", "-1009");
        await Store.AddSubscriptionAsync(new Subscription(gone, "facebook", "admin", _time.GetUtcNow()));
        foreach (var service in new[] { "facebook", "discord", "youtube" })
        {
            await QueueAsync([gone], service);
        }

        var sink = new RecordingAlertSink { Behaviour = (_, _) => Task.FromResult(DeliveryResult.Gone("403 Forbidden: bot was blocked by the user")) };

        await Dispatcher(sink, concurrency: 1).DrainOnceAsync();

        Assert.Equal(1, sink.Calls);
        Assert.Equal(0, await Store.PendingAlertCountAsync());
    }

    [Fact]
    public async Task Drain_ManyAlertsToOneChat_ArePacedAtItsLimit()
    {
        var chat = new ChannelRef("telegram", "42");
        foreach (var service in new[] { "facebook", "discord", "youtube" })
        {
            await QueueAsync([chat], service);
        }

        var sink = new RecordingAlertSink();
        var dispatcher = new AlertDispatcher(Store, [sink], Options.Create(new AlertOptions
        {
            RetryAttempts = 0,
            RateLimits = { ["telegram"] = new PlatformLimits { PerChannel = [RateWindow.Of(1, TimeSpan.FromSeconds(1))] } },
        }), _time);

        var draining = dispatcher.DrainOnceAsync();
        await Eventually(() => sink.Calls == 1);
        Assert.Equal(1, sink.Calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => sink.Calls == 2);
        _time.Advance(TimeSpan.FromSeconds(1));
        await draining;

        Assert.Equal(3, sink.Delivered.Count);
    }

    private AlertDispatcher Dispatcher(IAlertSink sink, int concurrency = 16, int batchSize = 100) =>
        new(Store, [sink], Options.Create(new AlertOptions
        {
            Concurrency = concurrency,
            BatchSize = batchSize,
            RetryAttempts = 0,
            RateLimits = { ["telegram"] = new PlatformLimits() },
        }), _time);

    private Task QueueAsync(int channels) =>
        QueueAsync([.. Enumerable.Range(0, channels).Select(i => new ChannelRef("telegram", $"-100{i}"))]);

    /// <summary>Queues one "facebook is down" alert per channel through a real round commit.</summary>
    private async Task QueueAsync(IReadOnlyList<ChannelRef> channels, string serviceId = "facebook")
    {
        var service = new ServiceDefinition(serviceId, serviceId, [], null, serviceId + ".com", [new Uri($"https://{serviceId}.com/")], []);
        var at = _time.GetUtcNow();
        var transition = new Transition(service, TransitionKind.Down, at, new Cause(CauseCodes.HttpServerError, new Phrase("answers 503", "answers 503"), new Phrase("e", "e")), at);
        var message = new AlertMessage(TransitionKind.Down, null, [new AlertItem(serviceId, serviceId, CauseCodes.HttpServerError, "answers 503", at)]);
        var alerts = channels.Select(channel => new PlannedAlert(channel, message, [serviceId])).ToList();
        var state = new ServiceState(serviceId, ServiceHealth.Down, 2, 0, null, at);
        await Store.CommitRoundAsync(new RoundCommit([state], [transition], alerts));
    }

    /// <summary>Waits for something the code under test does on its own threads; fails after a generous bound.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
