using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Telegram;

/// <summary>
/// Which instance polls Telegram. Telegram serves one getUpdates per token at a time (a second one cuts the first
/// with 409 Conflict), so instances that share a database and a token take turns under a lease: the poller
/// renews it, the others stand by and take it over when it lapses or is given up. Every instance still sends
/// Telegram alerts; only the reading of updates is one instance's.
/// </summary>
/// <remarks>
/// When the database cannot be asked, an instance keeps its last role, and one that has never been answered
/// polls: a single bot whose database is locked must go on answering, and should two instances poll at once,
/// Telegram's 409 stops one of them until the database answers again.
/// </remarks>
internal sealed partial class TelegramPollerLease(
    IBotStore store,
    InstanceName instance,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollerLease> logger)
{
    public const string LeaseName = "telegram-poller";

    private readonly Lock _gate = new();
    private TaskCompletionSource _held = Held();
    private string? _holder;

    /// <summary>How often the lease is renewed, and how often a standby asks whether it is free.</summary>
    public TimeSpan CheckInterval => options.Value.PollerLease / 3;

    /// <summary>True while this instance is the one to poll (also before the database has been asked).</summary>
    public bool Holds
    {
        get
        {
            lock (_gate)
            {
                return _holder is null || _holder == instance.Value;
            }
        }
    }

    /// <summary>The instance that polls, when it is another one.</summary>
    public string? OtherHolder
    {
        get
        {
            lock (_gate)
            {
                return _holder is { } holder && holder != instance.Value ? holder : null;
            }
        }
    }

    /// <summary>Takes or renews the lease once; returns whether this instance polls.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (store is not ILeaseStore leases)
        {
            return Set(instance.Value);
        }

        try
        {
            var holder = await leases.TryAcquireLeaseAsync(LeaseName, instance.Value, time.GetUtcNow(), options.Value.PollerLease, cancellationToken)
                .ConfigureAwait(false);
            return Set(holder.Holder);
        }
        catch (Exception exception) when (StoreWriteHealth.IsStoreFailure(exception) || exception is TimeoutException)
        {
            LogStoreFailed(logger, instance.Value, exception.Message, Holds ? "polling" : "standing by");
            return Holds;
        }
    }

    /// <summary>After the first <see cref="RefreshAsync"/>: renews the lease, or asks for it, every <see cref="CheckInterval"/> until the host stops.</summary>
    public async Task KeepAsync(CancellationToken stoppingToken)
    {
        while (await Pause.ForAsync(CheckInterval, time, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Waits until this instance holds the lease; false when the host stops first.</summary>
    public async Task<bool> WaitUntilHeldAsync(CancellationToken stoppingToken)
    {
        Task held;
        lock (_gate)
        {
            held = _held.Task;
        }

        try
        {
            await held.WaitAsync(stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Gives the lease up on a clean stop, so a standby takes over at its next check instead of after the lease.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (store is not ILeaseStore leases || !Holds)
        {
            return;
        }

        try
        {
            await leases.ReleaseLeaseAsync(LeaseName, instance.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (StoreWriteHealth.IsStoreFailure(exception) || exception is OperationCanceledException)
        {
            // The lease then runs out on its own: a standby takes over a little later.
            LogStoreFailed(logger, instance.Value, exception.Message, "stopping");
        }
    }

    private bool Set(string holder)
    {
        bool holds;
        bool changed;
        lock (_gate)
        {
            changed = _holder != holder;
            _holder = holder;
            holds = holder == instance.Value;
            if (holds)
            {
                _held.TrySetResult();
            }
            else if (_held.Task.IsCompleted)
            {
                _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        BotMetrics.TelegramPoller.Record(holds ? 1 : 0);
        if (changed && holds)
        {
            LogPolling(logger, instance.Value, options.Value.PollerLease);
        }
        else if (changed)
        {
            LogStandingBy(logger, instance.Value, holder);
        }

        return holds;
    }

    // Until the database says otherwise this instance polls (see the remarks), so it starts out held.
    private static TaskCompletionSource Held()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held.SetResult();
        return held;
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information,
        Message = "Telegram: this instance ({Instance}) polls for updates, under a lease of {Lease} it renews every third of it")]
    private static partial void LogPolling(ILogger logger, string instance, TimeSpan lease);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information,
        Message = "Telegram: this instance ({Instance}) stands by: {Holder} polls for updates; this one still sends alerts and takes over if that one stops")]
    private static partial void LogStandingBy(ILogger logger, string instance, string holder);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning,
        Message = "Telegram: this instance ({Instance}) could not ask the database who polls ({Failure}); it goes on {Role}")]
    private static partial void LogStoreFailed(ILogger logger, string instance, string failure, string role);
}
