using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace IsItDownBot.Core.Alerts;

/// <summary>
/// Drains the outbox through the sinks: claims due alerts per platform, paces them under the platform's
/// limits, sends, and records the outcome. An alert is marked only after its sink confirmed it, so a crash
/// loses nothing; claims keep two dispatchers from sending the same alert.
/// </summary>
public sealed partial class AlertDispatcher
{
    // Long enough not to hammer a database that stays broken, short enough to mark soon after it recovers.
    private static readonly TimeSpan MaxMarkPause = TimeSpan.FromSeconds(10);

    private readonly IBotStore _store;
    private readonly IReadOnlyList<IAlertSink> _sinks;
    private readonly AlertOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<DeliveryResult> _pipeline;
    private readonly Dictionary<string, PacingLimiter> _limiters;

    // One bound on sends in flight per platform, shared by the batches a drain loop overlaps.
    private readonly Dictionary<string, SemaphoreSlim> _inFlight;

    public AlertDispatcher(IBotStore store, IEnumerable<IAlertSink> sinks, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertDispatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _sinks = [.. sinks];
        _options = options.Value;
        _time = time;
        _logger = logger ?? NullLogger<AlertDispatcher>.Instance;
        _pipeline = DeliveryPipeline.Create(_options, time);
        _limiters = _sinks.ToDictionary(sink => sink.Platform, sink => new PacingLimiter(_options.LimitsFor(sink.Platform)), StringComparer.Ordinal);
        _inFlight = _sinks.ToDictionary(sink => sink.Platform, _ => new SemaphoreSlim(_options.Concurrency), StringComparer.Ordinal);
    }

    /// <summary>
    /// Claims and delivers one batch per platform. Returns how many alerts were handled. When
    /// <paramref name="stopping"/> fires, deliveries under way finish and the rest are released for later.
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken stopping = default)
    {
        var handled = await Task.WhenAll(_sinks.Select(sink => DrainAsync(sink, stopping))).ConfigureAwait(false);
        return handled.Sum();
    }

    /// <summary>The sinks whose platforms this dispatcher drains.</summary>
    public IReadOnlyList<IAlertSink> Sinks => _sinks;

    /// <summary>Claims and delivers one batch of one platform; see <see cref="DrainOnceAsync"/>.</summary>
    public Task<int> DrainAsync(IAlertSink sink, CancellationToken stopping = default) => DrainAsync(sink, scheduled: null, stopping);

    /// <summary>Claims and delivers one batch of one platform; see <see cref="DrainOnceAsync"/>.</summary>
    /// <param name="scheduled">
    /// Called once every alert of the batch has its rate-limit slot, before they are all sent: the moment a drain
    /// loop may claim the next batch without disturbing this one's pace.
    /// </param>
    public async Task<int> DrainAsync(IAlertSink sink, Action? scheduled, CancellationToken stopping = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var batch = await _store.ClaimDueAlertsAsync(sink.Platform, _time.GetUtcNow(), _options.Lease, _options.BatchSize, stopping)
            .ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        // First alert of every channel, then the second of every channel...: a busy channel waiting for its
        // own limit must not hold up everyone else's alerts.
        var ordered = batch
            .GroupBy(alert => alert.Channel)
            .SelectMany(channel => channel.OrderBy(alert => alert.Id).Select((alert, rank) => (alert, rank)))
            .OrderBy(pair => pair.rank)
            .ThenBy(pair => pair.alert.Id)
            .Select(pair => pair.alert);

        var limiter = _limiters[sink.Platform];
        var inFlight = _inFlight[sink.Platform];
        var deliveries = new List<Task>();
        foreach (var alert in ordered)
        {
            var slot = limiter.Reserve(alert.Channel.ChannelId, _time.GetUtcNow());
            deliveries.Add(DeliverAsync(sink, alert, slot, inFlight, stopping));
        }

        scheduled?.Invoke();
        await Task.WhenAll(deliveries).ConfigureAwait(false);
        return batch.Count;
    }

    private async Task DeliverAsync(IAlertSink sink, OutboxAlert alert, DateTimeOffset slot, SemaphoreSlim inFlight, CancellationToken stopping)
    {
        if (!await WaitForTurnAsync(slot, inFlight, stopping).ConfigureAwait(false))
        {
            await _store.ReleaseAsync(alert, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        try
        {
            // Waiting for the slot may have outlasted the claim, or the channel may be gone by now: send only
            // what this dispatcher still holds, for a whole lease from now.
            if (!await _store.RenewClaimAsync(alert, _time.GetUtcNow(), _options.Lease, CancellationToken.None).ConfigureAwait(false))
            {
                LogClaimLost(_logger, alert.Id, alert.Channel.Platform, alert.Channel.ChannelId);
                return;
            }

            // A delivery that has started finishes even while stopping: the send timeout bounds it.
            var result = await SendAsync(sink, alert).ConfigureAwait(false);
            await RecordAsync(alert, result, stopping).ConfigureAwait(false);
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>
    /// Waits for a free send and for the alert's rate-limit slot. False, holding nothing, when the bot is
    /// stopping first: an alert not yet sent is released for the next start rather than sent on the way out.
    /// </summary>
    private async Task<bool> WaitForTurnAsync(DateTimeOffset slot, SemaphoreSlim inFlight, CancellationToken stopping)
    {
        try
        {
            await inFlight.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            var wait = slot - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stopping).ConfigureAwait(false);
            }

            stopping.ThrowIfCancellationRequested();
            return true;
        }
        catch (OperationCanceledException)
        {
            inFlight.Release();
            return false;
        }
    }

    private async Task<DeliveryResult> SendAsync(IAlertSink sink, OutboxAlert alert)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) => await state.sink.SendAsync(state.alert, token).ConfigureAwait(false),
                (sink, alert),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return DeliveryResult.Retry($"no answer within {_options.SendTimeout}");
        }
#pragma warning disable CA1031 // A sink that throws must not stop the dispatcher: the alert is retried later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSinkThrew(_logger, exception, sink.Platform, alert.Channel.ChannelId);
            return DeliveryResult.Retry($"the {sink.Platform} sink failed: {exception.GetType().Name}");
        }
    }

    private async Task RecordAsync(OutboxAlert alert, DeliveryResult result, CancellationToken stopping)
    {
        var now = _time.GetUtcNow();
        var platform = BotMetrics.Platform(alert.Channel.Platform);
        if (result.Status == DeliveryStatus.Delivered)
        {
            BotMetrics.AlertsDelivered.Add(1, platform);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var services = Services(alert);
                LogDelivered(_logger, alert.Id, alert.Channel.Platform, alert.Channel.ChannelId, services, alert.IdempotencyKey);
            }
        }
        else
        {
            BotMetrics.AlertsFailed.Add(1, platform, new KeyValuePair<string, object?>("outcome", Outcome(result.Status)));
        }

        switch (result.Status)
        {
            case DeliveryStatus.Delivered:
                if (!await MarkDeliveredAsync(alert, now, stopping).ConfigureAwait(false))
                {
                    LogSentAfterClaimLost(_logger, alert.Id, alert.Channel.Platform, alert.Channel.ChannelId);
                }

                break;

            case DeliveryStatus.ChannelGone:
                var reason = result.Detail ?? "the platform says the channel is gone";
                var removed = await _store.RemoveChannelAsync(alert.Channel, reason, now, CancellationToken.None).ConfigureAwait(false);
                await _store.AbandonAsync(alert, now, reason, CancellationToken.None).ConfigureAwait(false);
                LogChannelGone(_logger, alert.Channel.Platform, alert.Channel.ChannelId, reason, removed);
                break;

            case DeliveryStatus.Rejected:
                var why = result.Detail ?? "the platform refused the alert";
                await _store.AbandonAsync(alert, now, why, CancellationToken.None).ConfigureAwait(false);
                LogRejected(_logger, alert.Id, alert.Channel.Platform, alert.Channel.ChannelId, why);
                break;

            default:
                var next = now + Backoff(alert.Attempts, result.RetryAfter);
                await _store.RescheduleAsync(alert, next, result.Detail ?? "temporary failure", CancellationToken.None).ConfigureAwait(false);
                LogRescheduled(_logger, alert.Id, alert.Channel.Platform, alert.Channel.ChannelId, result.Detail, next);
                break;
        }
    }

    /// <summary>
    /// The platform has the alert: if the mark were lost to a database fault (locked, full, read-only), the alert
    /// would be sent again once its lease ran out, and Telegram cannot tell a repeat. So the mark is retried while
    /// this dispatcher still holds the claim, with a growing pause, until the store takes it or the bot stops.
    /// </summary>
    private async Task<bool> MarkDeliveredAsync(OutboxAlert alert, DateTimeOffset at, CancellationToken stopping)
    {
        var pause = _options.PollInterval;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _store.MarkDeliveredAsync(alert, at, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (StoreWriteHealth.IsStoreFailure(exception))
            {
                LogMarkFailed(_logger, exception, alert.Id, alert.Channel.Platform, alert.Channel.ChannelId, attempt);
                if (!await Pause.ForAsync(pause, _time, stopping).ConfigureAwait(false))
                {
                    throw;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxMarkPause.Ticks));
            }
        }
    }

    private static string Services(OutboxAlert alert) => string.Join(",", alert.Message.Items.Select(item => item.ServiceId));

    private static string Outcome(DeliveryStatus status) => status switch
    {
        DeliveryStatus.ChannelGone => "gone",
        DeliveryStatus.Rejected => "rejected",
        _ => "retry",
    };

    /// <summary>Doubles from 15 s per failed attempt up to the cap; a longer retry-after from the platform wins.</summary>
    private TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        var doubling = TimeSpan.FromSeconds(Math.Min(_options.MaxBackoff.TotalSeconds, 15 * Math.Pow(2, Math.Min(attempts, 20))));
        return retryAfter is { } after && after > doubling ? after : doubling;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Alert sink {Platform} threw while sending to {Channel}")]
    private static partial void LogSinkThrew(ILogger logger, Exception exception, string platform, string channel);

    // The key names the incidents the alert reports ("down:12:telegram:-100123"): the line links a delivery to them.
    [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "Alert {AlertId} delivered to {Platform}:{Channel} for {Service} (incident key {IncidentKey})")]
    private static partial void LogDelivered(ILogger logger, long alertId, string platform, string channel, string service, string incidentKey);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Alert {AlertId} was delivered to {Platform}:{Channel} but could not be marked (attempt {Attempt}); trying again so that it is not sent twice")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, long alertId, string platform, string channel, int attempt);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Alert {AlertId} to {Platform}:{Channel} is no longer this dispatcher's to send (claimed elsewhere or settled)")]
    private static partial void LogClaimLost(ILogger logger, long alertId, string platform, string channel);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Alert {AlertId} to {Platform}:{Channel} was sent, but its claim had been taken over: it may be sent twice")]
    private static partial void LogSentAfterClaimLost(ILogger logger, long alertId, string platform, string channel);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "{Platform} channel {Channel} is gone ({Reason}): removed its {Removed} subscriptions")]
    private static partial void LogChannelGone(ILogger logger, string platform, string channel, string reason, int removed);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Alert {AlertId} to {Platform}:{Channel} was refused for good: {Reason}")]
    private static partial void LogRejected(ILogger logger, long alertId, string platform, string channel, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Alert {AlertId} to {Platform}:{Channel} not delivered ({Detail}); next attempt at {NextAttempt}")]
    private static partial void LogRescheduled(ILogger logger, long alertId, string platform, string channel, string? detail, DateTimeOffset nextAttempt);
}
