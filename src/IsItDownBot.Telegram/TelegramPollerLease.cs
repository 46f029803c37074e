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
/// polls: a single bot whose database is locked must go on answering. Should Telegram then cut its polls off
/// (409) after its lease has run out, another instance has taken over, and it stands by.
/// </remarks>
internal sealed partial class TelegramPollerLease(
    IBotStore store,
    InstanceName instance,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollerLease> logger)
{
    public const string LeaseName = "telegram-poller";

    // Who took the turn over when the database could not say; its next answer names the instance.
    private const string UnknownHolder = "another instance";

    // SQLite does not cancel a statement waiting for a lock: the wait is bounded here instead, so that a locked
    // database never holds up polling, a hand-over or a stop for the whole busy timeout.
    private static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private TaskCompletionSource _held = Held();
    private string? _holder;
    private DateTimeOffset _heldUntil = DateTimeOffset.MaxValue;

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

    /// <summary>Takes or renews the lease once; returns whether this instance polls. Never throws but on a stop.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (store is not ILeaseStore leases)
        {
            return Set(instance.Value, DateTimeOffset.MaxValue);
        }

        try
        {
            var holder = await AcquireAsync(leases, cancellationToken).ConfigureAwait(false);

            // Left by an earlier run of this bot that was killed: nobody polls under it, so waiting it out would
            // leave a restarted bot deaf for a whole lease.
            if (holder.Holder != instance.Value && InstanceName.IsGoneFromThisMachine(holder.Holder))
            {
                await leases.ReleaseLeaseAsync(LeaseName, holder.Holder, cancellationToken).WaitAsync(StoreWait, cancellationToken).ConfigureAwait(false);
                LogTookOverFromGone(logger, instance.Value, holder.Holder);
                holder = await AcquireAsync(leases, cancellationToken).ConfigureAwait(false);
            }

            return Set(holder.Holder, holder.ExpiresAt);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the database or its driver throws, the bot keeps its role and goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogStoreFailed(logger, instance.Value, $"{exception.GetType().Name}: {exception.Message}", Holds ? "polling" : "standing by");
            return Holds;
        }
    }

    /// <summary>
    /// Telegram cut this instance's poll off (409): true when it is still the one to poll (someone outside this
    /// database polls with the token), false when the turn has passed to another instance.
    /// </summary>
    public async Task<bool> StillPollsAfterConflictAsync(CancellationToken cancellationToken)
    {
        if (!await RefreshAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        bool lapsed;
        lock (_gate)
        {
            lapsed = _holder == instance.Value && time.GetUtcNow() >= _heldUntil;
        }

        // The database could not say, but this instance's lease has run out: the instance that cut it off is the
        // one that took the lease over. The next answer from the database names it.
        if (lapsed)
        {
            Set(UnknownHolder, DateTimeOffset.MinValue);
            return false;
        }

        return true;
    }

    /// <summary>After the first <see cref="RefreshAsync"/>: renews the lease, or asks for it, every <see cref="CheckInterval"/> until <paramref name="stopping"/>.</summary>
    public async Task KeepAsync(CancellationToken stopping)
    {
        while (await Pause.ForAsync(CheckInterval, time, stopping).ConfigureAwait(false))
        {
            try
            {
                await RefreshAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
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
    public async Task ReleaseAsync()
    {
        if (store is not ILeaseStore leases || !Holds)
        {
            return;
        }

        try
        {
            await leases.ReleaseLeaseAsync(LeaseName, instance.Value, CancellationToken.None).WaitAsync(StoreWait).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A stop goes on: the lease then runs out on its own and a standby takes over a little later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogStoreFailed(logger, instance.Value, $"{exception.GetType().Name}: {exception.Message}", "stopping");
        }
    }

    private Task<LeaseHolder> AcquireAsync(ILeaseStore leases, CancellationToken cancellationToken) =>
        leases.TryAcquireLeaseAsync(LeaseName, instance.Value, time.GetUtcNow(), options.Value.PollerLease, cancellationToken)
            .WaitAsync(StoreWait, cancellationToken);

    private bool Set(string holder, DateTimeOffset expiresAt)
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
                _heldUntil = expiresAt;
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

    [LoggerMessage(EventId = 413, Level = LogLevel.Information,
        Message = "Telegram: this instance ({Instance}) takes over the polling lease of {Gone}, an earlier run on this machine that no longer runs")]
    private static partial void LogTookOverFromGone(ILogger logger, string instance, string gone);
}
