using IsItDownBot.Core.Storage.Relational;
using Npgsql;

namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>Applies the migrations a database has not seen yet, each in its own transaction.</summary>
internal static class PostgresMigrator
{
    // Any fixed number: instances starting together queue on it, so each step is applied once and a
    // concurrent CREATE TABLE IF NOT EXISTS cannot fail on the catalog's unique index.
    private const long MigrationLockKey = 0x1517_D0B7_0001;

    public static async Task MigrateAsync(
        NpgsqlConnection connection, IReadOnlyList<SchemaMigration> migrations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        EnsureOrdered(migrations);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Held until this transaction ends: only the bookkeeping table is made under it.
            await using (var locked = connection.Command("SELECT pg_advisory_xact_lock(@key);", transaction).With("@key", MigrationLockKey))
            {
                await locked.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var table = connection.Command("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     INTEGER NOT NULL PRIMARY KEY,
                    description TEXT    NOT NULL,
                    applied_at  BIGINT  NOT NULL
                );
                """, transaction))
            {
                await table.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await RefuseNewerSchemaAsync(connection, migrations, cancellationToken).ConfigureAwait(false);

        foreach (var migration in migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var locked = connection.Command("SELECT pg_advisory_xact_lock(@key);", transaction).With("@key", MigrationLockKey))
            {
                await locked.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Checked under the lock: another instance may have applied the step while this one waited.
            await using var applied = connection.Command("SELECT COUNT(*) FROM schema_migrations WHERE version = @version;", transaction)
                .With("@version", migration.Version);
            if ((long)(await applied.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
            {
                continue;
            }

            await using (var step = connection.Command(migration.Sql, transaction))
            {
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = connection.Command(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @appliedAt);", transaction)
                .With("@version", migration.Version)
                .With("@description", migration.Description)
                .With("@appliedAt", StoredValues.ToUnixMilliseconds(now)))
            {
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // An older build must not write into a schema it does not know: it could drop data a newer column needs.
    private static async Task RefuseNewerSchemaAsync(
        NpgsqlConnection connection, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken)
    {
        await using var latest = connection.Command("SELECT MAX(version) FROM schema_migrations;");
        var found = await latest.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (found is int version && version > known)
        {
            throw new DatabaseTooNewException(version, known);
        }
    }

    private static void EnsureOrdered(IReadOnlyList<SchemaMigration> migrations)
    {
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version <= migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Migration {migrations[i].Version} is listed after {migrations[i - 1].Version}: versions must increase.");
            }
        }
    }
}
