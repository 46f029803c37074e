using System.Data.Common;

namespace IsItDownBot.Core.Storage.Relational;

/// <summary>Leases: which of the instances sharing the database (or one SQLite file) runs the monitor.</summary>
public abstract partial class RelationalBotStore
{
    public async Task<LeaseHolder> TryAcquireLeaseAsync(
        string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await TakeLeaseAsync(connection, transaction, name, holder, now, duration, cancellationToken).ConfigureAwait(false)
            ?? await ReadLeaseAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false)
            ?? new LeaseHolder(string.Empty, now); // released between the two statements: free, the next call takes it
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    /// <summary>
    /// Takes the lease when it is free, expired or already <paramref name="holder"/>'s; null when another holds it.
    /// ON CONFLICT locks the existing row and re-checks the WHERE against its latest version, so two instances
    /// racing for an expired lease cannot both win.
    /// </summary>
    private static async Task<LeaseHolder?> TakeLeaseAsync(
        DbConnection connection, DbTransaction transaction, string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var take = connection.Command("""
            INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
            RETURNING holder, expires_at;
            """, transaction)
            .With("@name", name)
            .With("@holder", holder)
            .With("@now", StoredValues.ToUnixMilliseconds(now))
            .With("@until", StoredValues.ToUnixMilliseconds(now + duration));
        await using var taken = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await taken.ReadAsync(cancellationToken).ConfigureAwait(false) ? new LeaseHolder(taken.GetString(0), taken.GetTime(1)) : null;
    }

    /// <summary>
    /// Who holds the lease, read by a statement of its own: within the statement that lost it, a plain read would
    /// see PostgreSQL's snapshot from before the winner's commit, and could name the loser as the holder.
    /// </summary>
    private static async Task<LeaseHolder?> ReadLeaseAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var read = connection.Command("SELECT holder, expires_at FROM leases WHERE name = @name;", transaction).With("@name", name);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new LeaseHolder(reader.GetString(0), reader.GetTime(1)) : null;
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
    /// Throws <see cref="LeaseLostException"/> unless the fence's holder still holds its lease. Run first in the
    /// commit's write transaction, with the lease row locked until the commit where the database locks rows
    /// (<see cref="LockForUpdate"/>): a take-over waits for this round's transaction instead of racing it.
    /// </summary>
    private async Task CheckFenceAsync(DbConnection connection, DbTransaction transaction, LeaseFence fence, CancellationToken cancellationToken)
    {
        await using var check = connection.Command($"""
            SELECT 1 FROM leases WHERE name = @name AND holder = @holder AND expires_at > @at{LockForUpdate};
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
