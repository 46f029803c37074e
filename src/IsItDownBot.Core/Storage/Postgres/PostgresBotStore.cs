using System.Data.Common;
using IsItDownBot.Core.Storage.Relational;
using Npgsql;

namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>
/// The store for several instances: one PostgreSQL database shared by any number of <c>run</c> processes.
/// Each operation takes a connection from the data source's pool, so the monitor and the dispatchers never
/// share one; the outbox is claimed with row locks that skip what another instance holds.
/// </summary>
public sealed class PostgresBotStore : RelationalBotStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<SchemaMigration> _migrations;

    public PostgresBotStore(string connectionString, TimeProvider time)
        : this(connectionString, time, PostgresMigrations.All)
    {
    }

    /// <summary>With a different list of migrations: lets tests build a database at an older schema version.</summary>
    internal PostgresBotStore(string connectionString, TimeProvider time, IReadOnlyList<SchemaMigration> migrations)
        : base(time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(migrations);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _migrations = migrations;
    }

    /// <summary>The store for <c>IsItDown:Storage</c> with <c>Provider</c> <c>postgres</c>.</summary>
    public static PostgresBotStore Create(StorageOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostgresBotStore(options.ConnectionString!, time);
    }

    // SKIP LOCKED: rows another instance is claiming right now are passed over, not waited for, so the
    // dispatchers of every instance drain the outbox side by side and no row is handed to two of them. A row
    // whose claim another instance committed meanwhile is re-checked against the WHERE and dropped.
    private protected override string ClaimDueSql => """
        WITH due AS (
            SELECT id FROM outbox
            WHERE platform = @platform
              AND delivered_at IS NULL AND abandoned_at IS NULL
              AND next_attempt_at <= @now
              AND (claimed_until IS NULL OR claimed_until <= @now)
            ORDER BY id
            LIMIT @max
            FOR UPDATE SKIP LOCKED)
        UPDATE outbox SET claimed_until = @claimedUntil, claim_token = @claimToken
        FROM due WHERE outbox.id = due.id
        RETURNING outbox.id, outbox.platform, outbox.channel_id, outbox.idempotency_key, outbox.message_json,
            outbox.attempts, outbox.created_at, outbox.claim_token;
        """;

    private protected override string LockForUpdate => " FOR UPDATE";

    public override async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresMigrator.MigrateAsync(connection, _migrations, Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    // The database's own collation may sort "eu-west" and "EU-west" differently from SQLite: "C" is byte order.
    private protected override string ByteOrder(string column) => $"{column} COLLATE \"C\"";

    private protected override DbCommand SelectSubscribers(DbConnection connection, string columns, IReadOnlyCollection<string> serviceIds) =>
        // One array parameter, however many services: the ids never enter the SQL text.
        connection.Command($"""
            SELECT {columns} FROM subscriptions
            WHERE service_id = ANY(@serviceIds)
            ORDER BY service_id, platform, channel_id;
            """)
            .With("@serviceIds", serviceIds.ToArray());

    private protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
}
