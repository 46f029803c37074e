namespace IsItDownBot.Core.Storage;

/// <summary>
/// The database was migrated by a newer build than this one. An operator's situation after a rollback, not a bug:
/// the command stops with this message, and the fix is a newer build or the backup taken before the upgrade.
/// </summary>
#pragma warning disable CA1032 // Both versions are the point of this exception; the usual constructors would lose them.
public sealed class DatabaseTooNewException(long version, long known)
#pragma warning restore CA1032
    : InvalidOperationException($"The database is at schema version {version}, but this build only knows up to {known}. Run a newer build or restore a backup.")
{
    public long Version { get; } = version;

    public long Known { get; } = known;
}
