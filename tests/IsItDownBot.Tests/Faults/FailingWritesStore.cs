using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Vantages;
using Microsoft.Data.Sqlite;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// The real store behind a switch at its boundary: while broken, every method that writes throws the
/// <see cref="SqliteException"/> SQLite raises for a full disk (SQLITE_FULL, 13) or a read-only file
/// (SQLITE_READONLY, 8), and every read goes through. Tests run as root, for whom no chmod makes a file read-only,
/// and a small filesystem needs root to mount: so the fault is put where SQLite would report it.
/// </summary>
internal sealed class FailingWritesStore(IBotStore inner) : IBotStore, IDisposable
{
    private Failure? _failure;
    private Failure? _armed;
    private int _failedWrites;

    public int FailedWrites => Volatile.Read(ref _failedWrites);

    /// <summary>Writes fail from now on.</summary>
    public void Break(int code, string message) => Volatile.Write(ref _failure, new Failure(code, message));

    /// <summary>Writes fail from the first alert marked delivered on: the disk fills up during a fan-out.</summary>
    public void BreakAtFirstDelivery(int code, string message) => Volatile.Write(ref _armed, new Failure(code, message));

    public void Heal() => Volatile.Write(ref _failure, null);

    // The host disposes the store it was given, and so releases the real store's connections.
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public Task<bool> AddSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default) =>
        Write(() => inner.AddSubscriptionAsync(subscription, cancellationToken));

    public Task<bool> RemoveSubscriptionAsync(ChannelRef channel, string serviceId, CancellationToken cancellationToken = default) =>
        Write(() => inner.RemoveSubscriptionAsync(channel, serviceId, cancellationToken));

    public Task<int> RemoveChannelAsync(ChannelRef channel, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write(() => inner.RemoveChannelAsync(channel, reason, at, cancellationToken));

    public Task<int> MoveChannelAsync(ChannelRef oldChannel, ChannelRef newChannel, CancellationToken cancellationToken = default) =>
        Write(() => inner.MoveChannelAsync(oldChannel, newChannel, cancellationToken));

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChannelRef channel, CancellationToken cancellationToken = default) =>
        inner.ListSubscriptionsAsync(channel, cancellationToken);

    public Task<IReadOnlyList<Subscription>> SubscribersAsync(IReadOnlyCollection<string> serviceIds, CancellationToken cancellationToken = default) =>
        inner.SubscribersAsync(serviceIds, cancellationToken);

    public Task<IReadOnlyList<string>> SubscribedServicesAsync(CancellationToken cancellationToken = default) =>
        inner.SubscribedServicesAsync(cancellationToken);

    public Task<IReadOnlyDictionary<string, ServiceState>> LoadServiceStatesAsync(CancellationToken cancellationToken = default) =>
        inner.LoadServiceStatesAsync(cancellationToken);

    public Task CommitRoundAsync(RoundCommit commit, CancellationToken cancellationToken = default) =>
        Write(async () =>
        {
            await inner.CommitRoundAsync(commit, cancellationToken);
            return true;
        });

    public Task RecordVantageResultAsync(VantageResult result, CancellationToken cancellationToken = default) =>
        Write(async () =>
        {
            await inner.RecordVantageResultAsync(result, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<VantageResult>> VantageResultsAsync(string serviceId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        inner.VantageResultsAsync(serviceId, since, cancellationToken);

    public Task<Incident?> OpenIncidentAsync(string serviceId, CancellationToken cancellationToken = default) =>
        inner.OpenIncidentAsync(serviceId, cancellationToken);

    public Task<IReadOnlyList<Incident>> IncidentsAsync(string serviceId, int limit, CancellationToken cancellationToken = default) =>
        inner.IncidentsAsync(serviceId, limit, cancellationToken);

    public Task<IReadOnlyList<OutboxAlert>> ClaimDueAlertsAsync(string platform, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        Write(() => inner.ClaimDueAlertsAsync(platform, now, lease, max, cancellationToken));

    public Task<bool> RenewClaimAsync(OutboxAlert alert, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Write(() => inner.RenewClaimAsync(alert, now, lease, cancellationToken));

    public Task ReleaseAsync(OutboxAlert alert, CancellationToken cancellationToken = default) =>
        Write(async () =>
        {
            await inner.ReleaseAsync(alert, cancellationToken);
            return true;
        });

    public Task<bool> MarkDeliveredAsync(OutboxAlert alert, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, null) is { } armed)
        {
            Break(armed.Code, armed.Message);
        }

        return Write(() => inner.MarkDeliveredAsync(alert, at, cancellationToken));
    }

    public Task RescheduleAsync(OutboxAlert alert, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken = default) =>
        Write(async () =>
        {
            await inner.RescheduleAsync(alert, nextAttemptAt, failure, cancellationToken);
            return true;
        });

    public Task AbandonAsync(OutboxAlert alert, DateTimeOffset at, string reason, CancellationToken cancellationToken = default) =>
        Write(async () =>
        {
            await inner.AbandonAsync(alert, at, reason, cancellationToken);
            return true;
        });

    public Task<int> PruneOutboxAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken = default) =>
        Write(() => inner.PruneOutboxAsync(settledBefore, cancellationToken));

    public Task<int> PendingAlertCountAsync(string? platform = null, CancellationToken cancellationToken = default) =>
        inner.PendingAlertCountAsync(platform, cancellationToken);

    public Task<DateTimeOffset?> OldestPendingAlertAsync(string? platform = null, CancellationToken cancellationToken = default) =>
        inner.OldestPendingAlertAsync(platform, cancellationToken);

    private Task<T> Write<T>(Func<Task<T>> write)
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            Interlocked.Increment(ref _failedWrites);
            return Task.FromException<T>(new SqliteException(failure.Message, failure.Code));
        }

        return write();
    }

    private sealed record Failure(int Code, string Message);
}
