using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Storage;

/// <summary>The <c>IsItDown:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "IsItDown:Storage";
    public const string DefaultPath = "isitdown.db";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (one file, the default) or <c>postgres</c> (a server several instances share).</summary>
    [Required]
    public string Provider { get; set; } = Sqlite;

    /// <summary>The SQLite database file, relative to the working directory unless absolute.</summary>
    [Required]
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// How long a write waits for another writer's lock (a backup, a <c>sqlite3</c> shell left in a transaction)
    /// before it fails. Writes here take milliseconds: only a stuck writer should ever exhaust it. When it does, the
    /// write is retried by its loop and <c>/readyz</c> reports the database until one succeeds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The PostgreSQL connection string (Npgsql's keys), required with <c>Provider</c> <c>postgres</c>. It holds a
    /// password: give it through an environment variable or user secrets, never in a committed file.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
