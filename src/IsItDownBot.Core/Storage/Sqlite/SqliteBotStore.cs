using Microsoft.Data.Sqlite;

namespace IsItDownBot.Core.Storage.Sqlite;

/// <summary>
/// The default store: one SQLite file, nothing to install. Each operation opens its own connection (the
/// pool makes that cheap) so the monitor and the dispatchers never share one across threads.
/// </summary>
public sealed partial class SqliteBotStore : IBotStore
{
    private readonly string _connectionString;
    private readonly string _dataSource;
    private readonly TimeProvider _time;
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
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(migrations);
        _connectionString = connectionString;
        _dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        _time = time;
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

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        EnsureDirectory();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await SqliteMigrator.MigrateAsync(connection, _migrations, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

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

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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
