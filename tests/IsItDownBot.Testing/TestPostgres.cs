using System.Globalization;
using Npgsql;

namespace IsItDownBot.Testing;

/// <summary>
/// A fresh, empty database per test on the PostgreSQL server named by <see cref="Variable"/> (a loopback
/// server that <c>.ci/run</c> starts), dropped at the end. Without the variable a test fails and says how
/// to run it: the PostgreSQL tests are never skipped.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "ISITDOWN_TEST_POSTGRES";

    private readonly string _server;

    private TestPostgres(string server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL store tests need a server. Run them through .ci/run, which starts one, "
                + $"or start one on loopback and set {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();

            // A database name cannot be a parameter; this one is made here from a GUID, never from input.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestPostgres(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE ends the pooled connections the store under test still holds.
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Reads the database directly, outside any store, each row as its columns joined by '|'.</summary>
    public async Task<IReadOnlyList<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount)
                .Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
