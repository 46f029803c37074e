using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Monitoring;

/// <summary>
/// Runs a monitoring round every <c>IsItDown:Monitor:Interval</c>, with jitter, until the host stops; with
/// several instances on one database, only the one holding the monitor's lease decides transitions, and the
/// others, when they are vantage points of their own, probe the same services so the leader's quorum hears them.
/// </summary>
public sealed partial class MonitorService(
    OutageMonitor monitor,
    MonitorLeadership leadership,
    IOptions<MonitorOptions> options,
    IOptions<VantageOptions> vantage,
    StoreWriteHealth writes,
    TimeProvider time,
    ILogger<MonitorService> logger) : BackgroundService
{
    private const string Writer = "monitor";

    // Long enough for one UPDATE; a stop must not hang on a database that went away.
    private static readonly TimeSpan StepDownTimeout = TimeSpan.FromSeconds(5);

    // Instances that keep the default vantage name share one result row per service with the leader: their
    // probes would add nothing, so they stay idle until they lead.
    private bool HasOwnVantage => !string.Equals(vantage.Value.Name, VantageOptions.DefaultName, StringComparison.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunRoundsAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await StepDownAsync().ConfigureAwait(false);
        }
    }

    private async Task RunRoundsAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        var jitter = options.Value.Jitter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await leadership.TryLeadAsync(stoppingToken).ConfigureAwait(false))
                {
                    await RunLeadingRoundAsync(stoppingToken).ConfigureAwait(false);
                    writes.Succeeded(Writer);

                    // Renewed once more as the round ends, so the lease need only outlast the pause, however long
                    // the round took (its probes waiting out their timeouts).
                    await leadership.KeepLeadingAsync(stoppingToken).ConfigureAwait(false);
                }
                else if (HasOwnVantage)
                {
                    await monitor.ObserveRoundAsync(stoppingToken).ConfigureAwait(false);
                }
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

    private async Task RunLeadingRoundAsync(CancellationToken stoppingToken)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = KeepLeadingAsync(round);
        try
        {
            await monitor.RunRoundAsync(leadership.FenceAt, round.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (round.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogLostMidRound(logger);
        }
        catch (LeaseLostException)
        {
            // The lease ran out after the last renewal, before the commit: the store wrote nothing.
            LogLostMidRound(logger);
        }
        finally
        {
            await round.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
    }

    // A round can outlast the lease (probes waiting out their timeouts, a machine busy starting up): the lease is
    // renewed while it runs, and the round is abandoned before its commit once the lease is lost, so a round
    // whose monitor another instance has taken over does not decide the same transitions a second time.
    private async Task KeepLeadingAsync(CancellationTokenSource round)
    {
        var every = options.Value.EffectiveLeaderLease / 3;
        while (await Pause.ForAsync(every, time, round.Token).ConfigureAwait(false))
        {
            try
            {
                if (await leadership.KeepLeadingAsync(round.Token).ConfigureAwait(false))
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (round.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Unable to renew is treated as lost: the lease may run out before the database answers again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRenewFailed(logger, exception);
            }

            await round.CancelAsync().ConfigureAwait(false);
            return;
        }
    }

    private async Task StepDownAsync()
    {
        using var timeout = new CancellationTokenSource(StepDownTimeout);
        try
        {
            await leadership.StepDownAsync(timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping goes on whatever the database says: the lease then simply expires.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogStepDownFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "The monitor's lease was lost during a round; the round is abandoned before deciding anything")]
    private static partial void LogLostMidRound(ILogger logger);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "Could not renew the monitor's lease during a round")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Could not give up the monitor's lease on stopping; another instance takes over when it expires")]
    private static partial void LogStepDownFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "A monitoring round failed; the next one runs after the interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
