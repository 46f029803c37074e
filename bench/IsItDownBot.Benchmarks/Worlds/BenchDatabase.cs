using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IsItDownBot.Benchmarks.Worlds;

/// <summary>A SQLite file at the bot's current schema, filled with subscriptions in one fast transaction.</summary>
internal sealed class BenchDatabase : IDisposable
{
    private BenchDatabase(string path) => Path = path;

    public string Path { get; }

    public static async Task<BenchDatabase> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("isitdown-bench-db-").FullName;
        var database = new BenchDatabase(System.IO.Path.Combine(directory, "bot.db"));
        await SqliteBotStore.Create(new StorageOptions { Path = database.Path }, TimeProvider.System).MigrateAsync();
        return database;
    }

    /// <summary>Subscribes each channel to each of its services, as the chat adapters would, but in one transaction.</summary>
    public void Subscribe(IEnumerable<(string Platform, string Channel, string Service)> subscriptions)
    {
        using var connection = new SqliteConnection($"Data Source={Path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO subscriptions (platform, channel_id, service_id, subscribed_by, subscribed_at, language)
            VALUES ($platform, $channel, $service, 'bench', $at, 'en');
            """;
        var platform = insert.Parameters.Add("$platform", SqliteType.Text);
        var channel = insert.Parameters.Add("$channel", SqliteType.Text);
        var service = insert.Parameters.Add("$service", SqliteType.Text);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        foreach (var subscription in subscriptions)
        {
            (platform.Value, channel.Value, service.Value) = subscription;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Runs a query returning one number: what the bot did to the outbox, read after it stopped.</summary>
    public long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
