using Npgsql;

namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>Leases: which of the instances sharing the database runs the monitor.</summary>
public sealed partial class PostgresBotStore : ILeaseStore
{
    public async Task<LeaseHolder> TryAcquireLeaseAsync(
        string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // ON CONFLICT locks the existing row and re-checks the WHERE against its latest version, so two instances
        // racing for an expired lease cannot both win.
        await using (var take = connection.Command("""
            INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
            RETURNING holder, expires_at;
            """)
            .With("@name", name)
            .With("@holder", holder)
            .With("@now", StoredValues.ToUnixMilliseconds(now))
            .With("@until", StoredValues.ToUnixMilliseconds(now + duration)))
        await using (var taken = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await taken.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new LeaseHolder(taken.GetString(0), taken.GetTime(1));
            }
        }

        // Lost: who holds it is read by a statement of its own. Within the statement above, a plain read would see
        // the snapshot from before the winner's commit, and could name this instance as the holder it no longer is.
        await using var read = connection.Command("SELECT holder, expires_at FROM leases WHERE name = @name;").With("@name", name);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // The holder released it between the two statements: nobody holds it; the next call takes it.
            return new LeaseHolder(string.Empty, now);
        }

        return new LeaseHolder(reader.GetString(0), reader.GetTime(1));
    }

    public async Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = connection.Command("DELETE FROM leases WHERE name = @name AND holder = @holder;")
            .With("@name", name)
            .With("@holder", holder);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Throws <see cref="LeaseLostException"/> unless the fence's holder still holds its lease. The row stays locked
    /// (FOR UPDATE) until the commit, so a take-over waits for this round's transaction instead of racing it.
    /// </summary>
    private static async Task CheckFenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LeaseFence fence, CancellationToken cancellationToken)
    {
        await using var check = connection.Command("""
            SELECT 1 FROM leases WHERE name = @name AND holder = @holder AND expires_at > @at FOR UPDATE;
            """, transaction)
            .With("@name", fence.Name)
            .With("@holder", fence.Holder)
            .With("@at", StoredValues.ToUnixMilliseconds(fence.At));
        if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw LeaseLostException.For(fence);
        }
    }
}
