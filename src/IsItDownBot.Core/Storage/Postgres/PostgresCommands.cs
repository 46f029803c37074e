using Npgsql;

namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>Shorthand for parameterised commands: every value goes in as a parameter, never into the SQL text.</summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) =>
        new(sql, connection, transaction);

    /// <remarks>
    /// A null goes in untyped: the SQL must give it a type where PostgreSQL cannot infer one (<c>@p::text IS NULL</c>).
    /// </remarks>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
