using Npgsql;

namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>
/// The store for several instances: one PostgreSQL database shared by any number of <c>run</c> processes.
/// Each operation takes a connection from the data source's pool, so the monitor and the dispatchers never
/// share one; the outbox is claimed with row locks that skip what another instance holds.
/// </summary>
public sealed partial class PostgresBotStore : IBotStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<SchemaMigration> _migrations;

    public PostgresBotStore(string connectionString, TimeProvider time)
        : this(connectionString, time, PostgresMigrations.All)
    {
    }

    /// <summary>With a different list of migrations: lets tests build a database at an older schema version.</summary>
    internal PostgresBotStore(string connectionString, TimeProvider time, IReadOnlyList<SchemaMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(migrations);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _time = time;
        _migrations = migrations;
    }

    /// <summary>The store for <c>IsItDown:Storage</c> with <c>Provider</c> <c>postgres</c>.</summary>
    public static PostgresBotStore Create(StorageOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostgresBotStore(options.ConnectionString!, time);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await PostgresMigrator.MigrateAsync(connection, _migrations, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        _dataSource.OpenConnectionAsync(cancellationToken);
}
