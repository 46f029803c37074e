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
    /// The PostgreSQL connection string (Npgsql's keys), required with <c>Provider</c> <c>postgres</c>. It holds a
    /// password: give it through an environment variable or user secrets, never in a committed file.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
