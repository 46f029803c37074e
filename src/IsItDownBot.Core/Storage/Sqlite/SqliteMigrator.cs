using System.Globalization;
using IsItDownBot.Core.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace IsItDownBot.Core.Storage.Sqlite;

/// <summary>Applies the migrations a database file has not seen yet, each in its own transaction.</summary>
internal static class SqliteMigrator
{
    public static async Task MigrateAsync(
        SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        EnsureOrdered(migrations);

        // WAL lets the dispatcher read while the monitor writes; it is a property of the file, so setting it
        // once here covers every later connection. It cannot be changed inside a transaction.
        using (var wal = connection.Command("PRAGMA journal_mode = WAL;"))
        {
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var table = connection.Command("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER NOT NULL PRIMARY KEY,
                description TEXT    NOT NULL,
                applied_at  INTEGER NOT NULL
            );
            """))
        {
            await table.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await RefuseNewerSchemaAsync(connection, migrations, cancellationToken).ConfigureAwait(false);

        foreach (var migration in migrations)
        {
            // Checked inside the write transaction: two processes starting together apply each step once.
            using var transaction = connection.BeginTransaction(deferred: false);
            using var applied = connection.Command("SELECT COUNT(*) FROM schema_migrations WHERE version = $version;", transaction)
                .With("$version", migration.Version);
            if (Convert.ToInt64(await applied.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
            {
                continue;
            }

            using (var step = connection.Command(migration.Sql, transaction))
            {
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var record = connection.Command(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($version, $description, $appliedAt);", transaction)
                .With("$version", migration.Version)
                .With("$description", migration.Description)
                .With("$appliedAt", StoredValues.ToUnixMilliseconds(now)))
            {
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // An older build must not write into a schema it does not know: it could drop data a newer column needs.
    private static async Task RefuseNewerSchemaAsync(
        SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken)
    {
        using var latest = connection.Command("SELECT MAX(version) FROM schema_migrations;");
        var found = await latest.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (found is long version && version > known)
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
