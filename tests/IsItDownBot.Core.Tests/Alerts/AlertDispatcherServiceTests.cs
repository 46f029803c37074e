using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Alerts;

public sealed class AlertDispatcherServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 4, 15, 40, 0, TimeSpan.Zero));
    private TempSqliteStore _database = null!;

    public async Task InitializeAsync() => _database = await TempSqliteStore.CreateAsync(_time);

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DrainLoop_ClaimsTheNextBatchWhileThePreviousOneIsStillSending_ButNoFurther()
    {
        await QueueAsync(channels: 9);
        var gate = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingAlertSink { Behaviour = (_, _) => gate.Task };
        var options = Options.Create(new AlertOptions { BatchSize = 3, RetryAttempts = 0, RateLimits = { ["telegram"] = new PlatformLimits() } });
        var dispatcher = new AlertDispatcher(_database.Store, [sink], options, _time);
        using var service = new AlertDispatcherService(dispatcher, _database.Store, new OutboxSignal(), new StoreWriteHealth(), options, _time, NullLogger<AlertDispatcherService>.Instance);

        await service.StartAsync(CancellationToken.None);

        // The first batch's three sends hang; the second batch is claimed and sent meanwhile: no gap between them.
        await Eventually(() => sink.Calls == 6);
        Assert.Equal(3, await PendingUnclaimedAsync());

        gate.SetResult(DeliveryResult.Delivered);
        await Eventually(() => sink.Delivered.Count == 9);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(9, sink.Delivered.Select(alert => alert.IdempotencyKey).Distinct().Count());
        Assert.Equal(0, await _database.Store.PendingAlertCountAsync("telegram"));
    }

    /// <summary>Alerts nobody has claimed yet: claiming them here and giving them back leaves the outbox as it was.</summary>
    private async Task<int> PendingUnclaimedAsync()
    {
        var free = await _database.Store.ClaimDueAlertsAsync("telegram", _time.GetUtcNow(), TimeSpan.FromMinutes(1), 100);
        foreach (var alert in free)
        {
            await _database.Store.ReleaseAsync(alert);
        }

        return free.Count;
    }

    private async Task QueueAsync(int channels)
    {
        var service = new ServiceDefinition("facebook", "Facebook", [], null, "facebook.com", [new Uri("https://facebook.com/")], []);
        var at = _time.GetUtcNow();
        var transition = new Transition(service, TransitionKind.Down, at, new Cause(CauseCodes.HttpServerError, new Phrase("503", "503"), new Phrase("e", "e")), at);
        var message = new AlertMessage(TransitionKind.Down, null, [new AlertItem("facebook", "Facebook", CauseCodes.HttpServerError, "503", at)]);
        var alerts = Enumerable.Range(0, channels).Select(i => new PlannedAlert(new ChannelRef("telegram", $"-100{i}"), message, ["facebook"])).ToList();
        await _database.Store.CommitRoundAsync(new RoundCommit([new ServiceState("facebook", ServiceHealth.Down, 2, 0, null, at)], [transition], alerts));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
