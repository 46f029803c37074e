using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Monitoring;

/// <summary>Runs a monitoring round every <c>IsItDown:Monitor:Interval</c>, with jitter, until the host stops.</summary>
public sealed partial class MonitorService(
    OutageMonitor monitor,
    IOptions<MonitorOptions> options,
    StoreWriteHealth writes,
    TimeProvider time,
    ILogger<MonitorService> logger) : BackgroundService
{
    private const string Writer = "monitor";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        var jitter = options.Value.Jitter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.RunRoundAsync(stoppingToken).ConfigureAwait(false);
                writes.Succeeded(Writer);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed round (a locked database, say) must not end monitoring: log, pause, go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, exception);
                if (StoreWriteHealth.IsStoreFailure(exception))
                {
                    writes.Failed(Writer, exception);
                }
            }

            // Random spread, not security: many bots must not probe a service in step.
#pragma warning disable CA5394
            var pause = interval * (1 + (jitter * ((Random.Shared.NextDouble() * 2) - 1)));
#pragma warning restore CA5394
            if (!await Pause.ForAsync(pause, time, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "A monitoring round failed; the next one runs after the interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
