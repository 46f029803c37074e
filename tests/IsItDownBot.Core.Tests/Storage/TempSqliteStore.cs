using IsItDownBot.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IsItDownBot.Core.Tests.Storage;

/// <summary>A migrated SQLite store in a temporary file, deleted at the end of the test.</summary>
internal sealed class TempSqliteStore : IDisposable
{
    private TempSqliteStore(string path, SqliteBotStore store)
    {
        Path = path;
        Store = store;
    }

    public string Path { get; }

    public SqliteBotStore Store { get; }

    public static async Task<TempSqliteStore> CreateAsync(TimeProvider time)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"isitdown-test-{Guid.NewGuid():N}.db");
        var store = new SqliteBotStore($"Data Source={path}", time);
        await store.MigrateAsync();
        return new TempSqliteStore(path, store);
    }

    public void Dispose()
    {
        Store.Dispose();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
