using Microsoft.Data.Sqlite;

namespace IsItDownBot.Core.Storage.Sqlite;

/// <summary>Shorthand for parameterised commands: every value goes in as a parameter, never into the SQL text.</summary>
internal static class SqliteCommands
{
    /// <param name="transaction">Required while one is open: Microsoft.Data.Sqlite refuses a command outside it.</param>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
