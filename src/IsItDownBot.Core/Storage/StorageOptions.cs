using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Storage;

/// <summary>The <c>IsItDown:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "IsItDown:Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (one file, the default) or <c>postgres</c> (a server several instances share).</summary>
    [Required]
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// The SQLite database file, relative to the working directory unless absolute. The default is the user's data
    /// folder, not the executable's: a tool's folder is replaced on every update, the database must outlive it.
    /// </summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// <c>isitdown/isitdown.db</c> in the data folder of the user running the bot: on Linux <c>$XDG_DATA_HOME</c>,
    /// or <c>~/.local/share</c> without it; <c>%LOCALAPPDATA%</c> on Windows; <c>~/Library/Application Support</c> on
    /// macOS. Empty when the user has no data folder (no home), which the validation then reports.
    /// </summary>
    public static string DefaultPath { get; } =
        DefaultPathIn(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));

    /// <summary>The default path for a given data folder; empty when there is none.</summary>
    public static string DefaultPathIn(string dataFolder) =>
        string.IsNullOrEmpty(dataFolder) ? "" : System.IO.Path.Combine(dataFolder, "isitdown", "isitdown.db");

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
