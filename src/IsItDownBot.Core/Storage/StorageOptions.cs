using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Storage;

/// <summary>The <c>IsItDown:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "IsItDown:Storage";
    public const string DefaultPath = "isitdown.db";

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
}
