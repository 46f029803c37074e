using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Alerts;

/// <summary>
/// Keeps draining the outbox, one loop per platform so that one platform's pauses (a long retry-after, its
/// pace) never hold up another's alerts; and prunes settled alerts once an hour.
/// </summary>
public sealed partial class AlertDispatcherService(
    AlertDispatcher dispatcher,
    IBotStore store,
    OutboxSignal signal,
    StoreWriteHealth writes,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertDispatcherService> logger) : BackgroundService
{
    // Settled alerts are kept for a month by default: pruning hourly keeps the table small without churn.
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(dispatcher.Sinks.Select(sink => DrainLoopAsync(sink, stoppingToken)).Append(PruneLoopAsync(stoppingToken)));

    private async Task DrainLoopAsync(IAlertSink sink, CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;

        // The previous batch, still being sent while the next one is claimed: marking one batch and claiming the
        // next takes tens of milliseconds that, between batches, would be lost from the platform's rate.
        Task<int>? sending = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    var drain = dispatcher.DrainAsync(sink, () => scheduled.TrySetResult(), stoppingToken);
                    await Task.WhenAny(scheduled.Task, drain).ConfigureAwait(false);

                    // At most two batches at once: this one, scheduled, and the one before it, finishing.
                    var previous = sending;
                    sending = drain;
                    if (previous is not null)
                    {
                        await previous.ConfigureAwait(false);
                    }

                    await RecordOutboxAgeAsync(sink.Platform, stoppingToken).ConfigureAwait(false);
                    if (!drain.IsCompleted || await drain.ConfigureAwait(false) > 0)
                    {
                        // A batch handled may mean more are waiting: claim again at once.
                        writes.Succeeded(Writer(sink));
                        continue;
                    }

                    writes.Succeeded(Writer(sink));
                    sending = null;
                    await signal.WaitAsync(poll, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The store may fail for a while (locked, disk full): log, pause, try again.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    LogDrainFailed(logger, exception, sink.Platform);
                    if (StoreWriteHealth.IsStoreFailure(exception))
                    {
                        writes.Failed(Writer(sink), exception);
                    }

                    // The failure may be the previous batch's while the next one is still being sent: let that one
                    // finish (and mark what it delivered) before pausing, or a stop would leave it running unawaited.
                    if (sending is { IsCompleted: false })
                    {
                        await FinishAsync(sending, sink.Platform).ConfigureAwait(false);
                    }

                    sending = null;
                    if (!await Pause.ForAsync(poll, time, stoppingToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            // Deliveries under way finish even while stopping (the send timeout bounds them); alerts not yet
            // sent were released by the dispatcher.
            await FinishAsync(sending, sink.Platform).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a batch still being sent; its failure is logged, not thrown, so it hides nothing else.</summary>
    private async Task FinishAsync(Task<int>? batch, string platform)
    {
        if (batch is null)
        {
            return;
        }

        try
        {
            await batch.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping before the batch was claimed: nothing was taken.
        }
#pragma warning disable CA1031 // A failure of that batch is logged; the caller is already handling one, or stopping.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogDrainFailed(logger, exception, platform);
        }
    }

    private static string Writer(IAlertSink sink) => sink.Platform + " outbox";

    /// <summary>An alert stuck in the outbox (a platform down, a refused token) shows as a growing age.</summary>
    private async Task RecordOutboxAgeAsync(string platform, CancellationToken stoppingToken)
    {
        var oldest = await store.OldestPendingAlertAsync(platform, stoppingToken).ConfigureAwait(false);
        var age = oldest is { } queuedAt ? Math.Max(0, (time.GetUtcNow() - queuedAt).TotalSeconds) : 0;
        BotMetrics.OutboxOldestAge.Record(age, BotMetrics.Platform(platform));
    }

    private async Task PruneLoopAsync(CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                var pruned = await store.PruneOutboxAsync(time.GetUtcNow() - options.Value.KeepSettled, stoppingToken).ConfigureAwait(false);
                LogPruned(logger, pruned);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Pruning is housekeeping: a failure waits for the next hour.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPruneFailed(logger, exception);
            }
        }
        while (await Pause.ForAsync(PruneEvery, time, stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Draining the {Platform} alert outbox failed; trying again after the poll interval")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, string platform);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Pruned {Count} settled alerts from the outbox")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "Pruning the alert outbox failed; trying again in an hour")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
