using Npgsql;

namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>
/// What may be said about a connection string in a log or an error: where it points, never its password.
/// </summary>
public static class PostgresConnection
{
    /// <summary><c>postgres://isitdown@db:5432/isitdown</c>: the server, database and user, without the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>Removes the connection string's password from a message (an exception's, say) before it is shown.</summary>
    public static string Scrub(string message, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(connectionString))
        {
            return message;
        }

        string? password;
        try
        {
            password = new NpgsqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
            // Unparsable: then any part of it could be the secret, so the whole string goes.
            return message.Replace(connectionString, "(connection string)", StringComparison.Ordinal);
        }

        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }

    /// <summary>Why the connection string cannot be used, without quoting any of it; null when it can.</summary>
    internal static string? Problem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host." : null;
        }
        catch (ArgumentException exception)
        {
            return Scrub(exception.Message, connectionString);
        }
    }
}
