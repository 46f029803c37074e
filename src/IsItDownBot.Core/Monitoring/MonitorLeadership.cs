using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Monitoring;

/// <summary>
/// Decides whether this instance runs the monitoring rounds. Instances sharing a database hold a lease on
/// it in turn: the leader renews it before each round, the others skip their rounds while it is held, and
/// one of them takes it over when the leader stops renewing (it died, or lost the database). Transitions
/// are then decided once per round, not once per instance. A store without leases (a test's) always leads.
/// </summary>
public sealed partial class MonitorLeadership(
    IBotStore store,
    InstanceName instance,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    ILogger<MonitorLeadership> logger)
{
    public const string LeaseName = "monitor";

    private string? _leader;
    private DateTimeOffset _heldUntil;

    /// <summary>This instance's name in the lease.</summary>
    public string InstanceId => instance.Value;

    public bool IsLeader { get; private set; }

    /// <summary>Takes or renews the lease; true when this instance is to run the next round.</summary>
    public async Task<bool> TryLeadAsync(CancellationToken cancellationToken)
    {
        if (store is not ILeaseStore leases)
        {
            IsLeader = true;
            return true;
        }

        var lease = options.Value.EffectiveLeaderLease;
        var holder = await leases.TryAcquireLeaseAsync(LeaseName, InstanceId, time.GetUtcNow(), lease, cancellationToken).ConfigureAwait(false);
        var leads = string.Equals(holder.Holder, InstanceId, StringComparison.Ordinal);
        if (leads && !IsLeader)
        {
            LogLeading(logger, InstanceId, lease);
        }
        else if (!leads && (IsLeader || !string.Equals(_leader, holder.Holder, StringComparison.Ordinal)))
        {
            LogFollowing(logger, InstanceId, holder.Holder, holder.ExpiresAt);
        }

        IsLeader = leads;
        _leader = holder.Holder;
        _heldUntil = leads ? holder.ExpiresAt : default;
        BotMetrics.MonitorLeader.Record(leads ? 1 : 0);
        return leads;
    }

    /// <summary>
    /// Renews the lease during a round; false when the round must stop. A lease that ran out since it was last
    /// renewed is not taken back here even when the store would allow it: another instance may have held it in
    /// between and decided rounds this one's state does not know of. The next round starts a fresh term instead.
    /// </summary>
    public async Task<bool> KeepLeadingAsync(CancellationToken cancellationToken)
    {
        if (store is not ILeaseStore)
        {
            return true;
        }

        if (!IsLeader || time.GetUtcNow() >= _heldUntil)
        {
            if (IsLeader)
            {
                LogLapsed(logger, InstanceId, _heldUntil);
                IsLeader = false;
                BotMetrics.MonitorLeader.Record(0);
            }

            return false;
        }

        return await TryLeadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The condition a round's commit must meet at <paramref name="at"/>: this instance still holds the lease.
    /// Null with a store that has no leases (a single instance's, a test's): nothing to fence.
    /// </summary>
    public LeaseFence? FenceAt(DateTimeOffset at) => store is ILeaseStore ? new LeaseFence(LeaseName, InstanceId, at) : null;

    /// <summary>Gives the lease up on a clean stop, so another instance takes over at once instead of after the lease.</summary>
    public async Task StepDownAsync(CancellationToken cancellationToken)
    {
        if (IsLeader && store is ILeaseStore leases)
        {
            await leases.ReleaseLeaseAsync(LeaseName, InstanceId, cancellationToken).ConfigureAwait(false);
            IsLeader = false;
            LogSteppedDown(logger, InstanceId);
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information,
        Message = "This instance ({Instance}) now runs the monitoring rounds, under a lease of {Lease} it renews each round")]
    private static partial void LogLeading(ILogger logger, string instance, TimeSpan lease);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information,
        Message = "This instance ({Instance}) does not lead the monitoring rounds: {Leader} decides them, its lease ends at {Until} unless renewed")]
    private static partial void LogFollowing(ILogger logger, string instance, string leader, DateTimeOffset until);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning,
        Message = "This instance ({Instance}) let the monitor's lease run out at {Until} during a round; the round stops and the lease is contested afresh")]
    private static partial void LogLapsed(ILogger logger, string instance, DateTimeOffset until);

    [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "This instance ({Instance}) gave up the monitoring rounds on stopping")]
    private static partial void LogSteppedDown(ILogger logger, string instance);
}
