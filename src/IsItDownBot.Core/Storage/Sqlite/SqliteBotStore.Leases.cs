using Microsoft.Data.Sqlite;

namespace IsItDownBot.Core.Storage.Sqlite;

/// <summary>Leases: several processes on one machine may share the file, and one of them runs the monitor.</summary>
public sealed partial class SqliteBotStore : ILeaseStore
{
    public async Task<LeaseHolder> TryAcquireLeaseAsync(
        string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);

        // One statement decides: a lease held by someone else and not yet expired is left as it is.
        using (var take = connection.Command("""
            INSERT INTO leases (name, holder, expires_at) VALUES ($name, $holder, $until)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= $now;
            """, transaction)
            .With("$name", name)
            .With("$holder", holder)
            .With("$now", StoredValues.ToUnixMilliseconds(now))
            .With("$until", StoredValues.ToUnixMilliseconds(now + duration)))
        {
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var read = connection.Command("SELECT holder, expires_at FROM leases WHERE name = $name;", transaction).With("$name", name);
        LeaseHolder current;
        using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            current = new LeaseHolder(reader.GetString(0), reader.GetTime(1));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    public async Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var delete = connection.Command("DELETE FROM leases WHERE name = $name AND holder = $holder;")
            .With("$name", name)
            .With("$holder", holder);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Throws <see cref="LeaseLostException"/> unless the fence's holder still holds its lease. Run first in a write
    /// transaction (BEGIN IMMEDIATE): no take-over can commit between this check and the commit.
    /// </summary>
    private static async Task CheckFenceAsync(SqliteConnection connection, SqliteTransaction transaction, LeaseFence fence, CancellationToken cancellationToken)
    {
        using var check = connection.Command("""
            SELECT 1 FROM leases WHERE name = $name AND holder = $holder AND expires_at > $at;
            """, transaction)
            .With("$name", fence.Name)
            .With("$holder", fence.Holder)
            .With("$at", StoredValues.ToUnixMilliseconds(fence.At));
        if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw LeaseLostException.For(fence);
        }
    }
}
