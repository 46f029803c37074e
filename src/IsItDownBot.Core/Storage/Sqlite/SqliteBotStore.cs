using System.Data.Common;
using System.Globalization;
using IsItDownBot.Core.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace IsItDownBot.Core.Storage.Sqlite;

/// <summary>
/// The default store: one SQLite file, nothing to install. Each operation opens its own connection (the
/// pool makes that cheap) so the monitor and the dispatchers never share one across threads.
/// </summary>
public sealed class SqliteBotStore : RelationalBotStore, IDisposable
{
    private readonly string _connectionString;
    private readonly string _dataSource;
    private readonly IReadOnlyList<SchemaMigration> _migrations;

    // A second writer (another loop, another process) waits this long for the lock instead of failing.
    private readonly int _busyTimeoutMilliseconds = (int)StorageOptions.DefaultBusyTimeout.TotalMilliseconds;

    public SqliteBotStore(string connectionString, TimeProvider time)
        : this(connectionString, time, SqliteMigrations.All)
    {
    }

    private SqliteBotStore(string connectionString, TimeProvider time, TimeSpan busyTimeout)
        : this(connectionString, time, SqliteMigrations.All)
    {
        _busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
    }

    /// <summary>With a different list of migrations: lets tests build a file at an older schema version.</summary>
    internal SqliteBotStore(string connectionString, TimeProvider time, IReadOnlyList<SchemaMigration> migrations)
        : base(time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(migrations);
        _connectionString = connectionString;
        _dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        _migrations = migrations;
    }

    /// <summary>The store for <c>IsItDown:Storage</c>: a relative path is taken from the working directory at start.</summary>
    public static SqliteBotStore Create(StorageOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder
        {
            // Resolved now, so a later change of working directory cannot point the store at another file.
            DataSource = Path.GetFullPath(options.Path),
            Mode = SqliteOpenMode.ReadWriteCreate,
        };
        return new SqliteBotStore(builder.ToString(), time, options.BusyTimeout);
    }

    // Due rows oldest first. No row locks in SQLite: the write transaction's lock (BEGIN IMMEDIATE) makes claims
    // one at a time.
    private protected override string ClaimDueSql => """
        UPDATE outbox SET claimed_until = @claimedUntil, claim_token = @claimToken
        WHERE id IN (
            SELECT id FROM outbox
            WHERE platform = @platform
              AND delivered_at IS NULL AND abandoned_at IS NULL
              AND next_attempt_at <= @now
              AND (claimed_until IS NULL OR claimed_until <= @now)
            ORDER BY id
            LIMIT @max)
        RETURNING id, platform, channel_id, idempotency_key, message_json, attempts, created_at, claim_token;
        """;

    private protected override string LockForUpdate => "";

    public override async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        EnsureDirectory();
        using var connection = await OpenSqliteAsync(cancellationToken).ConfigureAwait(false);
        await SqliteMigrator.MigrateAsync(connection, _migrations, Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    // SQLite compares text byte by byte (BINARY) unless told otherwise.
    private protected override string ByteOrder(string column) => column;

    private protected override DbCommand SelectSubscribers(DbConnection connection, string columns, IReadOnlyCollection<string> serviceIds)
    {
        // Only parameter names (@s0, @s1, ...) go into the SQL text; the ids themselves are parameters.
        var names = serviceIds.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"@s{i}")).ToList();
        var select = connection.Command($"""
            SELECT {columns} FROM subscriptions
            WHERE service_id IN ({string.Join(", ", names)})
            ORDER BY service_id, platform, channel_id;
            """);
        foreach (var (name, serviceId) in names.Zip(serviceIds))
        {
            select.With(name, serviceId);
        }

        return select;
    }

    private protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await OpenSqliteAsync(cancellationToken).ConfigureAwait(false);

    // BEGIN IMMEDIATE takes the write lock before reading: a transaction that read first could lose the upgrade to
    // a concurrent writer (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out).
    private protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private void EnsureDirectory()
    {
        // SQLite creates the file but not its folder; an in-memory database has neither.
        if (string.IsNullOrEmpty(_dataSource) || _dataSource.StartsWith(':') || _dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(_dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>
    /// Closes the pooled connections to this store's file, so the file can be copied, moved or deleted once the bot
    /// has stopped. Only this store's pool: clearing every pool in the process (<c>ClearAllPools</c>) can close a
    /// connection another store has only just taken from its own.
    /// </summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection, not per file: a pooled connection keeps it, a new one needs it.
            using var busy = connection.Command($"PRAGMA busy_timeout = {_busyTimeoutMilliseconds};");
            await busy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            // Not handled here: only closed, so a failed open does not leak a pooled connection.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
