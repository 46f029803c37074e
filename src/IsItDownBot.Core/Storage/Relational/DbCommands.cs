using System.Data.Common;

namespace IsItDownBot.Core.Storage.Relational;

/// <summary>Shorthand for parameterised commands: every value goes in as a parameter, never into the SQL text.</summary>
internal static class DbCommands
{
    /// <param name="transaction">Required while one is open: Microsoft.Data.Sqlite refuses a command outside it.</param>
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <remarks>
    /// A null goes in untyped: where the database cannot infer its type from the column, the SQL gives it one
    /// (<c>CAST(@p AS TEXT) IS NULL</c>).
    /// </remarks>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
