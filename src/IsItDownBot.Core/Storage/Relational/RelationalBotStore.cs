using System.Data.Common;

namespace IsItDownBot.Core.Storage.Relational;

/// <summary>
/// The store over SQL, written once for SQLite and PostgreSQL: the same tables, the same statements (named
/// parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>), each operation on its own pooled connection. A provider
/// says how to connect and begin a write, and the few statements its dialect words differently.
/// </summary>
public abstract partial class RelationalBotStore : IBotStore, ILeaseStore
{
    private protected RelationalBotStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
    }

    private protected TimeProvider Time { get; }

    public abstract Task MigrateAsync(CancellationToken cancellationToken = default);

    private protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that writes: it must hold the write lock from its first statement where the database has one.</summary>
    private protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <c>@max</c> due alerts of <c>@platform</c> at <c>@now</c> for <c>@claimToken</c> until
    /// <c>@claimedUntil</c>, returning id, platform, channel_id, idempotency_key, message_json, attempts,
    /// created_at and claim_token, oldest first; no row may go to two claimers at once.
    /// </summary>
    private protected abstract string ClaimDueSql { get; }

    /// <summary>A clause that locks the rows a SELECT reads until the commit, or nothing where the write lock already covers it.</summary>
    private protected abstract string LockForUpdate { get; }

    /// <summary>The ORDER BY term that sorts <paramref name="column"/> byte by byte, the same in every provider.</summary>
    private protected abstract string ByteOrder(string column);

    /// <summary>The subscriptions' <paramref name="columns"/> for any of <paramref name="serviceIds"/>, ordered by service, platform and channel.</summary>
    private protected abstract DbCommand SelectSubscribers(DbConnection connection, string columns, IReadOnlyCollection<string> serviceIds);
}
