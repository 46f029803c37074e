using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Alerts;

/// <summary>Keeps draining the outbox: right after the monitor signals new alerts, and every poll interval.</summary>
public sealed partial class AlertDispatcherService(
    AlertDispatcher dispatcher,
    OutboxSignal signal,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
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

    [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Draining the alert outbox failed; trying again after the poll interval")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
