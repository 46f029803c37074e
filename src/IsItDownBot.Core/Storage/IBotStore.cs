using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Vantages;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// Everything the bot keeps: subscriptions, the monitor's state, incidents, and the alert outbox.
/// SQLite implements it by default; PostgreSQL can follow behind the same interface.
/// </summary>
public interface IBotStore
{
    /// <summary>Creates the database or brings its schema up to date; safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>True when added, false when the channel was already subscribed to the service.</summary>
    Task<bool> AddSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default);

    /// <summary>True when removed, false when there was no such subscription.</summary>
    Task<bool> RemoveSubscriptionAsync(ChannelRef channel, string serviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every subscription of a channel the platform says is gone, gives up its queued alerts, and
    /// records why. Returns how many subscriptions were removed.
    /// </summary>
    Task<int> RemoveChannelAsync(ChannelRef channel, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Moves a channel's subscriptions to a new id (a Telegram group that became a supergroup). Returns how many.</summary>
    Task<int> MoveChannelAsync(ChannelRef oldChannel, ChannelRef newChannel, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChannelRef channel, CancellationToken cancellationToken = default);

    /// <summary>Every subscription to any of these services.</summary>
    Task<IReadOnlyList<Subscription>> SubscribersAsync(IReadOnlyCollection<string> serviceIds, CancellationToken cancellationToken = default);

    /// <summary>The ids of services with at least one subscription.</summary>
    Task<IReadOnlyList<string>> SubscribedServicesAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, ServiceState>> LoadServiceStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a round in one transaction: opens an incident per Down transition (opened at its DownSince, and
    /// setting the state's OpenIncidentId), closes the incident of each Up transition, saves the states, and
    /// queues the alerts. Every service an alert names must have a transition in the same commit. An alert
    /// whose idempotency key is already queued is not queued again.
    /// </summary>
    Task CommitRoundAsync(RoundCommit commit, CancellationToken cancellationToken = default);

    /// <summary>The service's open incident, if it is down: answers "since when?".</summary>
    Task<Incident?> OpenIncidentAsync(string serviceId, CancellationToken cancellationToken = default);

    /// <summary>The service's latest incidents, newest first.</summary>
    Task<IReadOnlyList<Incident>> IncidentsAsync(string serviceId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> undelivered alerts of a platform that are due, oldest first, for
    /// <paramref name="lease"/>. A claimed row is invisible to other dispatchers until its lease ends, so two
    /// loops never send the same row; a dispatcher that dies lets its lease run out and the row is sent later.
    /// </summary>
    Task<IReadOnlyList<OutboxAlert>> ClaimDueAlertsAsync(string platform, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends a claim that is still held, just before a send: false when it was lost (its lease ran out and
    /// another dispatcher claimed the row) or the alert was settled meanwhile (its channel removed). Then the
    /// alert must not be sent. A lease that ran out with nobody claiming the row in between is still held.
    /// </summary>
    Task<bool> RenewClaimAsync(OutboxAlert alert, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed alert back unsent and uncounted (the bot is stopping), for the next dispatcher.</summary>
    Task ReleaseAsync(OutboxAlert alert, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed alert delivered. False when the claim was lost (the lease ran out and another took it).</summary>
    Task<bool> MarkDeliveredAsync(OutboxAlert alert, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Releases a claimed alert to be tried again at <paramref name="nextAttemptAt"/>, counting the attempt.</summary>
    Task RescheduleAsync(OutboxAlert alert, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken = default);

    /// <summary>Gives up on a claimed alert for good (its channel is gone), recording why.</summary>
    Task AbandonAsync(OutboxAlert alert, DateTimeOffset at, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes alerts delivered or abandoned before <paramref name="settledBefore"/>, so the outbox does not grow
    /// for ever. Their idempotency keys go with them, which is safe: an incident's alerts are queued once.
    /// </summary>
    Task<int> PruneOutboxAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken = default);

    /// <summary>Alerts not yet delivered nor abandoned, per platform.</summary>
    Task<int> PendingAlertCountAsync(string? platform = null, CancellationToken cancellationToken = default);

    /// <summary>When the oldest alert not yet delivered nor abandoned was queued, per platform; null when none waits.</summary>
    Task<DateTimeOffset?> OldestPendingAlertAsync(string? platform = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a vantage point's latest result for a service: one row per vantage point and service, replaced by a
    /// newer result and never by an older one (a slow round finishing after a quicker, later one).
    /// </summary>
    Task RecordVantageResultAsync(VantageResult result, CancellationToken cancellationToken = default);

    /// <summary>Every vantage point's latest result for the service checked at or after <paramref name="since"/>, by vantage name.</summary>
    Task<IReadOnlyList<VantageResult>> VantageResultsAsync(string serviceId, DateTimeOffset since, CancellationToken cancellationToken = default);
}
