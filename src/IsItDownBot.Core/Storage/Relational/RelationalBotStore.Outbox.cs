using System.Globalization;
using System.Text.Json;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Subscriptions;
using System.Data.Common;

namespace IsItDownBot.Core.Storage.Relational;

/// <summary>The dispatcher's side: claiming due alerts under a lease, and settling each claim.</summary>
public abstract partial class RelationalBotStore
{
    // A row may be settled only by the claim that holds it and only while it is still pending.
    private const string HeldByClaim = "id = @id AND claim_token = @claimToken AND delivered_at IS NULL AND abandoned_at IS NULL";

    public async Task<IReadOnlyList<OutboxAlert>> ClaimDueAlertsAsync(
        string platform, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var claim = connection.Command(ClaimDueSql, transaction)
            .With("@platform", platform)
            .With("@now", StoredValues.ToUnixMilliseconds(now))
            .With("@claimedUntil", StoredValues.ToUnixMilliseconds(now + lease))
            .With("@claimToken", Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture))
            .With("@max", max);

        var claimed = new List<OutboxAlert>();
        var unreadable = new List<(long Id, string Error)>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                AlertMessage message;
                try
                {
                    message = AlertMessageJson.Deserialize(reader.GetString(4));
                }
                catch (JsonException exception)
                {
                    // Written by another version, or by hand: one such row must not block its whole platform.
                    unreadable.Add((reader.GetInt64(0), "unreadable alert: " + exception.Message));
                    continue;
                }

                claimed.Add(new OutboxAlert(
                    reader.GetInt64(0),
                    new ChannelRef(reader.GetString(1), reader.GetString(2)),
                    reader.GetString(3),
                    message,
                    reader.GetInt32(5),
                    reader.GetTime(6),
                    reader.GetString(7)));
            }
        }

        foreach (var (id, error) in unreadable)
        {
            await using var abandon = connection.Command(
                "UPDATE outbox SET abandoned_at = @now, claimed_until = NULL, last_error = @error WHERE id = @id;", transaction)
                .With("@id", id)
                .With("@now", StoredValues.ToUnixMilliseconds(now))
                .With("@error", error);
            await abandon.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // RETURNING gives rows in no promised order.
        claimed.Sort((left, right) => left.Id.CompareTo(right.Id));
        return claimed;
    }

    public async Task<bool> RenewClaimAsync(OutboxAlert alert, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.Command($"""
            UPDATE outbox SET claimed_until = @until
            WHERE {HeldByClaim};
            """)
            .With("@id", alert.Id)
            .With("@claimToken", alert.ClaimToken)
            .With("@until", StoredValues.ToUnixMilliseconds(now + lease));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseAsync(OutboxAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.Command($"""
            UPDATE outbox SET claimed_until = NULL, claim_token = NULL
            WHERE {HeldByClaim};
            """)
            .With("@id", alert.Id)
            .With("@claimToken", alert.ClaimToken);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> MarkDeliveredAsync(OutboxAlert alert, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.Command($"""
            UPDATE outbox SET delivered_at = @at, claimed_until = NULL
            WHERE {HeldByClaim};
            """)
            .With("@id", alert.Id)
            .With("@claimToken", alert.ClaimToken)
            .With("@at", StoredValues.ToUnixMilliseconds(at));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task RescheduleAsync(OutboxAlert alert, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(failure);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.Command($"""
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @nextAttemptAt, last_error = @failure,
                claimed_until = NULL, claim_token = NULL
            WHERE {HeldByClaim};
            """)
            .With("@id", alert.Id)
            .With("@claimToken", alert.ClaimToken)
            .With("@nextAttemptAt", StoredValues.ToUnixMilliseconds(nextAttemptAt))
            .With("@failure", failure);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AbandonAsync(OutboxAlert alert, DateTimeOffset at, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(reason);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.Command($"""
            UPDATE outbox SET abandoned_at = @at, last_error = @reason, claimed_until = NULL
            WHERE {HeldByClaim};
            """)
            .With("@id", alert.Id)
            .With("@claimToken", alert.ClaimToken)
            .With("@at", StoredValues.ToUnixMilliseconds(at))
            .With("@reason", reason);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PendingAlertCountAsync(string? platform = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var count = connection.Command("""
            SELECT COUNT(*) FROM outbox
            WHERE delivered_at IS NULL AND abandoned_at IS NULL AND (CAST(@platform AS TEXT) IS NULL OR platform = @platform);
            """)
            .With("@platform", platform);
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<DateTimeOffset?> OldestPendingAlertAsync(string? platform = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var oldest = connection.Command("""
            SELECT MIN(created_at) FROM outbox
            WHERE delivered_at IS NULL AND abandoned_at IS NULL AND (CAST(@platform AS TEXT) IS NULL OR platform = @platform);
            """)
            .With("@platform", platform);
        return await oldest.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long milliseconds
            ? StoredValues.FromUnixMilliseconds(milliseconds)
            : null;
    }

    public async Task<int> PruneOutboxAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var prune = connection.Command("""
            DELETE FROM outbox
            WHERE (delivered_at IS NOT NULL AND delivered_at < @before) OR (abandoned_at IS NOT NULL AND abandoned_at < @before);
            """)
            .With("@before", StoredValues.ToUnixMilliseconds(settledBefore));
        return await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
