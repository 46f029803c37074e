using IsItDownBot.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Alerts;

/// <summary>Keeps draining the outbox: right after the monitor signals new alerts, and every poll interval.</summary>
public sealed partial class AlertDispatcherService(
    AlertDispatcher dispatcher,
    IBotStore store,
    OutboxSignal signal,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        var nextPrune = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= nextPrune)
                {
                    var pruned = await store.PruneOutboxAsync(time.GetUtcNow() - options.Value.KeepSettled, stoppingToken).ConfigureAwait(false);
                    LogPruned(logger, pruned);
                    nextPrune = time.GetUtcNow() + PruneEvery;
                }

                // A full batch may mean more are waiting: drain again at once.
                if (await dispatcher.DrainOnceAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                    continue;
                }

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
                LogDrainFailed(logger, exception);
                try
                {
                    await Task.Delay(poll, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Settled alerts are kept for a month by default: pruning hourly keeps the table small without churn.
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Pruned {Count} settled alerts from the outbox")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Draining the alert outbox failed; trying again after the poll interval")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
